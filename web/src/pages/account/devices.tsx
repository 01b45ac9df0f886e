/** `/account/devices`: devices that signed in; revoking one ends its sessions. */
import { useState } from 'react';
import { api, get } from '../../api/client';
import type { Device } from '../../api/types';
import { ErrorNotice, countryName } from '../../components/error-notice';
import { useSession } from '../../components/session';
import { Card, ConfirmAction, Loading, Notice, PageTitle, usePageTitle } from '../../components/ui';
import { useAction, useResource } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { AccountLayout, useSessionEndOn } from './shared';

function DeviceRow({ device, onRevoked }: { device: Device; onRevoked(current: boolean): void }) {
  const { t, dateTime, lang } = useI18n();
  const revoke = useAction(async () => {
    await api('DELETE', `/api/v1/account/devices/${encodeURIComponent(device.id)}`);
    onRevoked(device.current);
  });
  return (
    <li className="device-row">
      <div>
        <p className="device-name">
          {device.name} {device.current ? <span className="pill pill-on">{t('This device')}</span> : null}
        </p>
        <p className="small">
          {t('Last used {time}', { time: dateTime(device.lastSeenAt) })}
          {device.lastIp ? ` · ${device.lastIp}` : ''}
          {device.lastCountry ? ` · ${countryName(device.lastCountry, lang)}` : ''}
        </p>
        <p className="small">{t('First seen {time}', { time: dateTime(device.firstSeenAt) })}</p>
        <ErrorNotice error={revoke.error} compact />
      </div>
      <div className="device-actions">
        <ConfirmAction
          label={t('Revoke')}
          confirmLabel={device.current ? t('Sign out here') : t('Yes, revoke')}
          subject={device.name}
          busy={revoke.busy}
          onConfirm={() => void revoke.run()}
        />
      </div>
    </li>
  );
}

export function AccountDevicesPage() {
  const { t } = useI18n();
  usePageTitle(t('Devices'));
  const { forget } = useSession();
  const devices = useResource((signal) => get<Device[]>('/api/v1/account/devices', { signal }), []);
  const [revoked, setRevoked] = useState(false);
  useSessionEndOn(devices.error);
  return (
    <AccountLayout>
      <PageTitle lead={t('Revoking a device signs it out at once; its next sign-in counts as a new device.')}>{t('Devices')}</PageTitle>
      <ErrorNotice error={devices.error} />
      {revoked ? <Notice kind="success">{t('The device was revoked and signed out.')}</Notice> : null}
      <Card>
        {!devices.data ? (
          <Loading />
        ) : devices.data.length === 0 ? (
          <p>{t('No devices yet.')}</p>
        ) : (
          <ul className="devices">
            {devices.data.map((d) => (
              <DeviceRow
                key={d.id}
                device={d}
                onRevoked={(current) => {
                  if (current) forget();
                  else {
                    setRevoked(true);
                    devices.reload();
                  }
                }}
              />
            ))}
          </ul>
        )}
      </Card>
    </AccountLayout>
  );
}
