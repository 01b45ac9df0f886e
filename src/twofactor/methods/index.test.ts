import { describe, expect, it } from 'vitest';
import type { TwoFactorRow } from '../store.js';
import { METHOD_IDS, methodsOf } from './index.js';

const row = (overrides: Partial<TwoFactorRow>): TwoFactorRow => ({
  account_id: 'A',
  totp_secret_enc: null,
  totp_enabled_at: null,
  totp_last_step: null,
  totp_pending_secret_enc: null,
  totp_pending_at: null,
  email_enabled_at: null,
  sms_phone: null,
  sms_pending_phone: null,
  sms_enabled_at: null,
  totp_skew_offset: null,
  totp_skew_step: null,
  ...overrides,
});

describe('the second-factor registry', () => {
  it('lists each method once, in the order challenges offer them', () => {
    expect(METHOD_IDS).toEqual(['totp', 'backup_code', 'email', 'sms']);
  });

  it('offers the methods an account has on; backup codes stand with TOTP', () => {
    expect(methodsOf(undefined)).toEqual([]);
    expect(methodsOf(row({ totp_enabled_at: 1 }))).toEqual(['totp', 'backup_code']);
    expect(methodsOf(row({ email_enabled_at: 1, sms_enabled_at: 1, sms_phone: '+4915112345678' }))).toEqual(['email', 'sms']);
    // an SMS method without a verified number is not offered
    expect(methodsOf(row({ sms_enabled_at: 1 }))).toEqual([]);
  });

  it('offers staff TOTP and backup codes only', () => {
    expect(methodsOf(row({ totp_enabled_at: 1, email_enabled_at: 1, sms_enabled_at: 1, sms_phone: '+4915112345678' }), 'staff')).toEqual([
      'totp',
      'backup_code',
    ]);
  });
});
