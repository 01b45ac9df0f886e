/** Pieces the security-center pages share: their navigation, flags, and session-end handling. */
import { type ReactNode, useEffect } from 'react';
import { ApiError } from '../../api/client';
import { useSession } from '../../components/session';
import { useI18n } from '../../i18n/i18n';
import { SubNav } from '../../components/subnav';

export function AccountNav() {
  const { t } = useI18n();
  const items: [string, string][] = [
    ['/account', t('Overview')],
    ['/account/two-factor', t('Two-step verification')],
    ['/account/activity', t('Sign-in activity')],
    ['/account/devices', t('Devices')],
    ['/account/api-keys', t('API keys')],
    ['/account/password', t('Password')],
    ['/account/disable', t('Disable account')],
  ];
  return <SubNav label={t('Security center')} items={items} isCurrent={(to, path) => path === to} />;
}

export function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <div className="with-subnav">
      <AccountNav />
      <div className="subnav-content">{children}</div>
    </div>
  );
}

/** A 4011 on any call means the session ended (expired, revoked elsewhere): back to sign-in. */
export function useSessionEndOn(...errors: unknown[]): void {
  const { forget } = useSession();
  const ended = errors.some((e) => e instanceof ApiError && e.code === 4011);
  useEffect(() => {
    if (ended) forget();
  }, [ended, forget]);
}

const RISKY_FLAGS = new Set(['new_device', 'new_country', 'abnormal_ip', 'fingerprint_change', 'region_hopping']);

export function isRiskyFlag(flag: string): boolean {
  return RISKY_FLAGS.has(flag);
}

export function FlagChips({ flags }: { flags: string[] }) {
  const { t } = useI18n();
  const labels: Record<string, string> = {
    new_device: t('New device'),
    new_country: t('New country'),
    abnormal_ip: t('Unusual network'),
    fingerprint_change: t('Browser changed'),
    region_hopping: t('Country hopping'),
    device_confirmed: t('Approved by email'),
    '2fa_totp': t('Authenticator app'),
    '2fa_backup_code': t('Backup code'),
    '2fa_email': t('Email code'),
    '2fa_sms': t('SMS code'),
  };
  if (flags.length === 0) return null;
  return (
    <span className="chips">
      {flags.map((flag) => (
        <span key={flag} className={`chip${isRiskyFlag(flag) ? ' chip-warn' : ''}`}>
          {labels[flag] ?? flag}
        </span>
      ))}
    </span>
  );
}

/** Base64 of an ASCII/UTF-8 string, for data: URLs. */
export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
