/** Email codes as a backup second factor, sent to the account's own address. */
import { codeChannelMethod } from './code-channel.js';

export const emailMethod = codeChannelMethod('email', {
  isOn: (row) => row?.email_enabled_at != null,
  address: (account) => account.email,
});
