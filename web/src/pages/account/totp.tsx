/**
 * The authenticator app: set up (or move to a new phone) with the QR code and the manual key, turn
 * off, and backup codes, shown once with copy and download. The QR code is the server's SVG shown
 * as an <img> from a data: URL: an image cannot run script, so server markup never enters the DOM.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { ApiError, post } from '../../api/client';
import type { AccountView, TotpSetup } from '../../api/types';
import { CurrentCodeField, hasSecondFactor } from '../../components/current-code';
import { ErrorNotice } from '../../components/error-notice';
import { Button, Card, CopyButton, CurrentPasswordField, DownloadButton, Field, Notice, SavedThenDone } from '../../components/ui';
import { formatDuration, useAction, useRetryBlock } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { toBase64 } from './shared';

export function BackupCodesView({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const { t } = useI18n();
  const text = `${t('Gatehouse backup codes')} (${new Date().toISOString().slice(0, 10)})\n${t('Each code works once.')}\n\n${codes.join('\n')}\n`;
  return (
    <div className="stack backup-codes" data-testid="backup-codes">
      <Notice kind="warning" title={t('Save your backup codes now')}>
        <p>{t('They are shown only this once. Each code signs you in once if you lose your phone. Keep them somewhere safe, away from your phone.')}</p>
      </Notice>
      <ol className="code-grid">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="actions">
        <CopyButton text={codes.join('\n')} label={t('Copy codes')} />
        <DownloadButton text={text} fileName="gatehouse-backup-codes.txt" label={t('Download .txt')} />
      </div>
      <SavedThenDone label={t('I have saved my backup codes')} onDone={onDone} />
    </div>
  );
}

function SetupSteps({ setup, onEnabled, cancel }: { setup: TotpSetup; onEnabled(codes: string[]): void; cancel: ReactNode }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const enable = useAction(async () => {
    const answer = await post<{ backupCodes: string[] }>('/api/v1/account/2fa/totp/enable', { code: code.replace(/\s+/g, '') });
    onEnabled(answer.backupCodes);
  });
  const blocked = useRetryBlock(enable.error);
  const grouped = setup.secret.replace(/(.{4})/g, '$1 ').trim();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked === 0) void enable.run();
  };
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <ol className="setup-steps">
        <li>
          <p>{t('Scan this QR code with an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password, …).')}</p>
          <img
            className="qr"
            src={`data:image/svg+xml;base64,${toBase64(setup.qrSvg)}`}
            alt={t('QR code for the authenticator app')}
            width={200}
            height={200}
          />
        </li>
        <li>
          <p>{t('Cannot scan? Enter this key in the app instead (time-based, 6 digits):')}</p>
          <p className="secret">
            <code data-testid="totp-secret">{grouped}</code> <CopyButton text={setup.secret} label={t('Copy key')} />
          </p>
        </li>
        <li>
          <Field
            label={t('Enter the 6-digit code the app shows')}
            name="totp-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={8}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
          />
        </li>
      </ol>
      <ErrorNotice error={enable.error} />
      <div className="actions">
        <Button type="submit" busy={enable.busy} disabled={blocked > 0 || code.replace(/\s+/g, '').length !== 6}>
          {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Turn on')}
        </Button>
        {cancel}
      </div>
    </form>
  );
}

type Mode =
  | { kind: 'idle' }
  | { kind: 'setup' }
  | { kind: 'scan'; setup: TotpSetup }
  | { kind: 'codes'; codes: string[] }
  | { kind: 'disable' }
  | { kind: 'regenerate' };

export function TotpCard({ account, onChanged }: { account: AccountView; onChanged(): void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const on = account.twoFactor.totp;
  // Any method already on (email or SMS codes too) must vouch for a new authenticator.
  const vouched = hasSecondFactor(account);

  const reset = () => {
    setPassword('');
    setCode('');
    setup.setError(null);
    disable.setError(null);
    regenerate.setError(null);
  };
  const setup = useAction(async () => {
    const answer = await post<TotpSetup>('/api/v1/account/2fa/totp/setup', vouched ? { password, code: code.trim() } : { password });
    reset();
    setMode({ kind: 'scan', setup: answer });
  });
  const disable = useAction(async () => {
    await post('/api/v1/account/2fa/totp/disable', { password, code: code.trim() });
    reset();
    setMode({ kind: 'idle' });
    onChanged();
  });
  const regenerate = useAction(async () => {
    const answer = await post<{ backupCodes: string[] }>('/api/v1/account/2fa/backup-codes', { code: code.trim() });
    reset();
    setMode({ kind: 'codes', codes: answer.backupCodes });
  });
  const needsCode = setup.error instanceof ApiError && setup.error.code === 4016;
  const blocked = useRetryBlock(setup.error ?? disable.error ?? regenerate.error);

  const submit = (action: () => Promise<unknown>) => (event: FormEvent) => {
    event.preventDefault();
    if (blocked === 0) void action();
  };
  const codeField = <CurrentCodeField account={account} value={code} onChange={setCode} />;
  const cancel = (
    <Button
      variant="quiet"
      onClick={() => {
        reset();
        setMode({ kind: 'idle' });
      }}
    >
      {t('Cancel')}
    </Button>
  );

  let body: ReactNode;
  if (mode.kind === 'codes') {
    body = (
      <BackupCodesView
        codes={mode.codes}
        onDone={() => {
          setMode({ kind: 'idle' });
          onChanged();
        }}
      />
    );
  } else if (mode.kind === 'scan') {
    body = <SetupSteps setup={mode.setup} onEnabled={(codes) => setMode({ kind: 'codes', codes })} cancel={cancel} />;
  } else if (mode.kind === 'setup') {
    body = (
      <form className="stack" onSubmit={submit(setup.run)} noValidate>
        <p>
          {on
            ? t('Moving to a new phone: confirm with your password and a current code. The old app keeps working until the new one is on.')
            : vouched
              ? t('Confirm with your password and a code from your current two-step method to start.')
              : t('Confirm with your password to start.')}
        </p>
        <CurrentPasswordField value={password} onChange={setPassword} />
        {vouched || needsCode ? codeField : null}
        <ErrorNotice error={setup.error} />
        <div className="actions">
          <Button type="submit" busy={setup.busy} disabled={blocked > 0 || !password}>
            {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Continue')}
          </Button>
          {cancel}
        </div>
      </form>
    );
  } else if (mode.kind === 'disable') {
    body = (
      <form className="stack" onSubmit={submit(disable.run)} noValidate>
        <Notice kind="warning">
          <p>{t('Without the authenticator app, your password alone (or an email/SMS code, if on) protects the account. Withdrawals pause for 24 hours.')}</p>
        </Notice>
        <CurrentPasswordField value={password} onChange={setPassword} />
        {codeField}
        <ErrorNotice error={disable.error} />
        <div className="actions">
          <Button type="submit" variant="danger" busy={disable.busy} disabled={blocked > 0 || !password || !code.trim()}>
            {t('Turn off the authenticator app')}
          </Button>
          {cancel}
        </div>
      </form>
    );
  } else if (mode.kind === 'regenerate') {
    body = (
      <form className="stack" onSubmit={submit(regenerate.run)} noValidate>
        <p>{t('New codes replace all the old ones, used or not.')}</p>
        {codeField}
        <ErrorNotice error={regenerate.error} />
        <div className="actions">
          <Button type="submit" busy={regenerate.busy} disabled={blocked > 0 || !code.trim()}>
            {t('Make new backup codes')}
          </Button>
          {cancel}
        </div>
      </form>
    );
  } else {
    body = (
      <div className="stack">
        <p className="status-line">
          <span className={`pill ${on ? 'pill-on' : 'pill-off'}`}>{on ? t('On') : t('Off')}</span>{' '}
          {on ? t('Sign-ins ask for a code from your authenticator app.') : t('Add an authenticator app so that a stolen password is not enough.')}
        </p>
        <div className="actions">
          <Button variant={on ? 'secondary' : 'primary'} onClick={() => setMode({ kind: 'setup' })}>
            {on ? t('Move to a new phone') : t('Set up authenticator app')}
          </Button>
          {on ? (
            <Button variant="quiet" onClick={() => setMode({ kind: 'disable' })}>
              {t('Turn off')}
            </Button>
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <>
      <Card title={t('Authenticator app')}>{body}</Card>
      {on && mode.kind === 'idle' ? (
        <Card title={t('Backup codes')} className="anchor-target">
          <div className="stack" id="backup-codes">
            <p>{t('{n} of 8 backup codes left.', { n: account.twoFactor.backupCodesRemaining })}</p>
            <div className="actions">
              <Button variant="secondary" onClick={() => setMode({ kind: 'regenerate' })}>
                {t('Make new backup codes')}
              </Button>
            </div>
          </div>
        </Card>
      ) : null}
    </>
  );
}
