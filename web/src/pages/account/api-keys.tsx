/**
 * `/account/api-keys`: keys for the signed API (`/api/v3`). Creating one needs the authenticator
 * app, the password and a current code (the server's API-key flow); an HMAC key's secret is shown
 * once, in the answer, and never again. Deleting a key stops it at the next request.
 */
import { type FormEvent, useState } from 'react';
import { api, get, post } from '../../api/client';
import type { AccountView, ApiKeyCreated, ApiKeyView } from '../../api/types';
import { CurrentCodeField } from '../../components/current-code';
import { ErrorNotice, fieldProblems } from '../../components/error-notice';
import {
  Button,
  Card,
  ConfirmAction,
  CopyButton,
  CurrentPasswordField,
  Field,
  Loading,
  Notice,
  PageTitle,
  SavedThenDone,
  TextAreaField,
  usePageTitle,
} from '../../components/ui';
import { formatDuration, useAction, useResource, useRetryBlock } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router';
import { AccountLayout, useSessionEndOn } from './shared';

type KeyType = 'HMAC_SHA256' | 'ED25519';
type Permission = 'READ' | 'TRADE';

function lines(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function CreatedKey({ created, onDone }: { created: ApiKeyCreated; onDone(): void }) {
  const { t } = useI18n();
  return (
    <div className="stack" data-testid="api-key-created">
      <Notice kind="warning" title={t('Copy the key now')}>
        <p>
          {created.secretKey
            ? t('The secret key is shown only this once. Store both in your trading tool; anyone with them can use the key.')
            : t('Store the API key in your trading tool; requests are signed with your Ed25519 private key.')}
        </p>
      </Notice>
      <p className="secret">
        {t('API key')}: <code data-testid="api-key">{created.apiKey}</code> <CopyButton text={created.apiKey} label={t('Copy API key')} />
      </p>
      {created.secretKey ? (
        <p className="secret">
          {t('Secret key')}: <code data-testid="api-secret">{created.secretKey}</code> <CopyButton text={created.secretKey} label={t('Copy secret key')} />
        </p>
      ) : null}
      <SavedThenDone label={t('I have stored the key')} onDone={onDone} />
    </div>
  );
}

function CreateKeyForm({ account, onCreated, onCancel }: { account: AccountView; onCreated(key: ApiKeyCreated): void; onCancel(): void }) {
  const { t } = useI18n();
  const [label, setLabel] = useState('');
  const [type, setType] = useState<KeyType>('HMAC_SHA256');
  const [publicKey, setPublicKey] = useState('');
  const [permissions, setPermissions] = useState<Permission[]>(['READ']);
  const [whitelist, setWhitelist] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const create = useAction(async () => {
    const body = {
      label: label.trim(),
      type,
      permissions,
      ...(type === 'ED25519' ? { publicKey: publicKey.trim() } : {}),
      ...(lines(whitelist).length > 0 ? { ipWhitelist: lines(whitelist) } : {}),
      password,
      twoFactorCode: code.trim(),
    };
    onCreated(await post<ApiKeyCreated>('/api/v1/account/api-keys', body));
  });
  const blocked = useRetryBlock(create.error);
  const problems = fieldProblems(create.error);
  const toggle = (p: Permission, on: boolean) => setPermissions((ps) => (on ? [...new Set([...ps, p])] : ps.filter((x) => x !== p)));
  const ready = label.trim() && permissions.length > 0 && password && code.trim() && (type === 'HMAC_SHA256' || publicKey.trim());
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (blocked === 0 && ready) void create.run();
  };
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <Field label={t('Name')} name="label" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={64} problem={problems.label ?? null} required />
      <fieldset className="segmented">
        <legend>{t('Key type')}</legend>
        {(['HMAC_SHA256', 'ED25519'] as const).map((k) => (
          <label key={k} className={k === type ? 'selected' : undefined}>
            <input type="radio" name="type" value={k} checked={k === type} onChange={() => setType(k)} />
            {k === 'HMAC_SHA256' ? t('HMAC (the server makes a secret)') : t('Ed25519 (you bring a public key)')}
          </label>
        ))}
      </fieldset>
      {type === 'ED25519' ? (
        <TextAreaField
          label={t('Public key (PEM)')}
          rows={4}
          value={publicKey}
          onChange={(e) => setPublicKey(e.target.value)}
          spellCheck={false}
          problem={problems.publicKey ?? null}
          required
        />
      ) : null}
      <fieldset>
        <legend>{t('Permissions')}</legend>
        <label className="check">
          <input type="checkbox" checked={permissions.includes('READ')} onChange={(e) => toggle('READ', e.target.checked)} />
          {t('Read: balances and orders')}
        </label>
        <label className="check">
          <input type="checkbox" checked={permissions.includes('TRADE')} onChange={(e) => toggle('TRADE', e.target.checked)} />
          {t('Trade: place and cancel orders')}
        </label>
      </fieldset>
      <TextAreaField
        label={t('Allowed IP addresses (optional)')}
        rows={2}
        value={whitelist}
        onChange={(e) => setWhitelist(e.target.value)}
        spellCheck={false}
        hint={t('One address or network (CIDR) per line. Empty: any address. A key limited to your servers is much safer.')}
        problem={problems.ipWhitelist ?? null}
      />
      <CurrentPasswordField value={password} onChange={setPassword} />
      <CurrentCodeField account={account} value={code} onChange={setCode} />
      <ErrorNotice error={create.error} />
      <div className="actions">
        <Button type="submit" busy={create.busy} disabled={blocked > 0 || !ready}>
          {blocked > 0 ? t('Wait {time}', { time: formatDuration(blocked) }) : t('Create key')}
        </Button>
        <Button variant="quiet" onClick={onCancel}>
          {t('Cancel')}
        </Button>
      </div>
    </form>
  );
}

function KeyRow({ apiKey, onDeleted }: { apiKey: ApiKeyView; onDeleted(): void }) {
  const { t, dateTime } = useI18n();
  const remove = useAction(async () => {
    await api('DELETE', `/api/v1/account/api-keys/${encodeURIComponent(apiKey.id)}`);
    onDeleted();
  });
  return (
    <li className="device-row api-key-row">
      <div>
        <p className="device-name">
          {apiKey.label} <code>{apiKey.apiKeyPrefix}…</code>
        </p>
        <p className="small">
          {apiKey.type === 'HMAC_SHA256' ? 'HMAC-SHA256' : 'Ed25519'} · {apiKey.permissions.map((p) => (p === 'TRADE' ? t('Trade') : t('Read'))).join(', ')} ·{' '}
          {apiKey.ipWhitelist.length > 0 ? apiKey.ipWhitelist.join(', ') : t('any IP address')}
        </p>
        <p className="small">
          {t('Created {time}', { time: dateTime(apiKey.createdAt) })} ·{' '}
          {apiKey.lastUsedAt ? t('Last used {time}', { time: dateTime(apiKey.lastUsedAt) }) : t('Never used')}
        </p>
        <ErrorNotice error={remove.error} compact />
      </div>
      <div className="device-actions">
        <ConfirmAction label={t('Delete')} confirmLabel={t('Yes, delete')} subject={apiKey.label} busy={remove.busy} onConfirm={() => void remove.run()} />
      </div>
    </li>
  );
}

export function AccountApiKeysPage() {
  const { t } = useI18n();
  usePageTitle(t('API keys'));
  const account = useResource((signal) => get<AccountView>('/api/v1/account', { signal }), []);
  const keys = useResource((signal) => get<ApiKeyView[]>('/api/v1/account/api-keys', { signal }), []);
  const [mode, setMode] = useState<{ kind: 'list' } | { kind: 'create' } | { kind: 'created'; key: ApiKeyCreated }>({ kind: 'list' });
  useSessionEndOn(account.error, keys.error);
  const a = account.data;
  return (
    <AccountLayout>
      <PageTitle lead={t('Keys let trading tools use the signed API (Binance-compatible) on your behalf. Withdrawals are never possible with a key.')}>
        {t('API keys')}
      </PageTitle>
      <ErrorNotice error={account.error ?? keys.error} />
      {!a || !keys.data ? (
        <Loading />
      ) : (
        <>
          <Card title={t('New key')}>
            {mode.kind === 'created' ? (
              <CreatedKey
                created={mode.key}
                onDone={() => {
                  setMode({ kind: 'list' });
                  keys.reload();
                }}
              />
            ) : !a.twoFactor.totp ? (
              <Notice kind="info">
                <p>{t('API keys need the authenticator app. Turn it on first.')}</p>
                <p>
                  <Link to="/account/two-factor">{t('Set up authenticator app')}</Link>
                </p>
              </Notice>
            ) : mode.kind === 'create' ? (
              <CreateKeyForm account={a} onCreated={(key) => setMode({ kind: 'created', key })} onCancel={() => setMode({ kind: 'list' })} />
            ) : (
              <div className="actions">
                <Button onClick={() => setMode({ kind: 'create' })}>{t('Create an API key')}</Button>
              </div>
            )}
          </Card>
          <Card title={t('Your keys')}>
            {keys.data.length === 0 ? (
              <p>{t('No API keys.')}</p>
            ) : (
              <ul className="devices">
                {keys.data.map((k) => (
                  <KeyRow key={k.id} apiKey={k} onDeleted={keys.reload} />
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </AccountLayout>
  );
}
