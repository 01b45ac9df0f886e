/** Staff actions on one account: freeze / unfreeze (identity check), KYC country, balance credit. */
import { type FormEvent, useState } from 'react';
import { post } from '../../api/client';
import type { StaffAccount } from '../../api/types';
import { ErrorNotice, fieldProblems } from '../../components/error-notice';
import { Button, Card, Field, Notice } from '../../components/ui';
import { useAction } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { isAdmin } from './shared';

function FreezeForm({ account, onChanged }: { account: StaffAccount; onChanged(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [identityVerified, setIdentityVerified] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const frozen = account.frozen !== false;
  const act = useAction(async () => {
    if (frozen) await post(`/api/v1/admin/accounts/${account.id}/unfreeze`, { reason: reason.trim(), identityVerified });
    else await post(`/api/v1/admin/accounts/${account.id}/freeze`, { reason: reason.trim() });
    setDone(frozen ? t('The account is active again.') : t('The account is frozen and every session ended.'));
    setReason('');
    setIdentityVerified(false);
    onChanged();
  });
  const needsIdentity = frozen && account.frozen !== false && account.frozen.type === 'risk';
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void act.run();
  };
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <h3>{frozen ? t('Unfreeze') : t('Freeze')}</h3>
      {done ? <Notice kind="success">{done}</Notice> : null}
      <Field
        label={frozen ? t('Why it is safe to unfreeze (for the audit log)') : t('Reason (for the audit log)')}
        name="reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        minLength={3}
        maxLength={500}
        problem={fieldProblems(act.error).reason ?? null}
        required
      />
      {frozen ? (
        <label className="check">
          <input type="checkbox" checked={identityVerified} onChange={(e) => setIdentityVerified(e.target.checked)} />
          {t('I verified the owner’s identity')}
          {needsIdentity ? <span className="small"> {t('(required for a risk freeze)')}</span> : null}
        </label>
      ) : null}
      <ErrorNotice error={act.error} compact />
      <div className="actions">
        <Button
          type="submit"
          variant={frozen ? 'primary' : 'danger'}
          busy={act.busy}
          disabled={reason.trim().length < 3 || (needsIdentity && !identityVerified)}
        >
          {frozen ? t('Unfreeze account') : t('Freeze account')}
        </Button>
      </div>
    </form>
  );
}

function KycForm({ account, onChanged }: { account: StaffAccount; onChanged(): void }) {
  const { t } = useI18n();
  const [country, setCountry] = useState(account.kycCountry ?? '');
  const act = useAction(async () => {
    await post(`/api/v1/admin/accounts/${account.id}/kyc`, { kycCountry: country.trim().toUpperCase() });
    onChanged();
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void act.run();
  };
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <h3>{t('KYC country')}</h3>
      <Field
        label={t('Country code (ISO, two letters)')}
        name="kycCountry"
        value={country}
        onChange={(e) => setCountry(e.target.value.toUpperCase())}
        maxLength={2}
        pattern="[A-Z]{2}"
        required
      />
      <ErrorNotice error={act.error} compact />
      <div className="actions">
        <Button type="submit" variant="secondary" busy={act.busy} disabled={!/^[A-Z]{2}$/.test(country.trim().toUpperCase())}>
          {t('Set country')}
        </Button>
      </div>
    </form>
  );
}

function CreditForm({ account }: { account: StaffAccount }) {
  const { t } = useI18n();
  const [asset, setAsset] = useState('USDT');
  const [amount, setAmount] = useState('');
  const [done, setDone] = useState(false);
  const act = useAction(async () => {
    await post(`/api/v1/admin/accounts/${account.id}/balances`, { asset: asset.trim().toUpperCase(), amount: amount.trim() });
    setDone(true);
    setAmount('');
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    void act.run();
  };
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <h3>{t('Credit a balance')}</h3>
      {done ? <Notice kind="success">{t('Credited.')}</Notice> : null}
      <div className="row">
        <Field label={t('Asset')} name="asset" value={asset} onChange={(e) => setAsset(e.target.value.toUpperCase())} maxLength={10} required />
        <Field label={t('Amount')} name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder="0.5" required />
      </div>
      <ErrorNotice error={act.error} compact />
      <div className="actions">
        <Button type="submit" variant="secondary" busy={act.busy} disabled={!asset.trim() || !/^\d+(\.\d{1,8})?$/.test(amount.trim())}>
          {t('Credit')}
        </Button>
      </div>
    </form>
  );
}

export function AccountActions({ account, roles, selfId, onChanged }: { account: StaffAccount; roles: string[]; selfId: string; onChanged(): void }) {
  const { t } = useI18n();
  // The server refuses desk actions on staff accounts and on one's own (4012): an operator's, at the shell.
  const operatorOnly = account.roles.length > 0 || account.id === selfId;
  return (
    <Card title={t('Actions')}>
      {operatorOnly ? (
        <p className="small">{t('Staff accounts are frozen, unfrozen, credited and moved to another region by an operator, with the gatehouse command.')}</p>
      ) : null}
      <div className="grid-actions">
        {operatorOnly ? null : <FreezeForm account={account} onChanged={onChanged} />}
        {isAdmin(roles) && !operatorOnly ? <KycForm account={account} onChanged={onChanged} /> : null}
        {isAdmin(roles) && !operatorOnly ? <CreditForm account={account} /> : null}
      </div>
    </Card>
  );
}
