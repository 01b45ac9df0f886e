/** SMS codes as a backup second factor, sent to the verified number only. */
import { codeChannelMethod } from './code-channel.js';

export const smsMethod = codeChannelMethod('sms', {
  isOn: (row) => row?.sms_enabled_at != null && row.sms_phone !== null,
  address: (_account, row) => row?.sms_phone ?? null,
});
