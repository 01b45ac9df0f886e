/** `/account/two-factor`: the authenticator app, backup codes, email and SMS codes. */
import { get } from '../../api/client';
import type { AccountView } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { Loading, PageTitle, usePageTitle } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { EmailCodesCard, SmsCodesCard } from './methods';
import { AccountLayout, useSessionEndOn } from './shared';
import { TotpCard } from './totp';

export function AccountTwoFactorPage() {
  const { t } = useI18n();
  usePageTitle(t('Two-step verification'));
  const account = useResource((signal) => get<AccountView>('/api/v1/account', { signal }), []);
  useSessionEndOn(account.error);
  const a = account.data;
  return (
    <AccountLayout>
      <PageTitle lead={t('A second step after the password: a code from your phone, so that a leaked password alone cannot open the account.')}>
        {t('Two-step verification')}
      </PageTitle>
      <ErrorNotice error={account.error} />
      {!a ? (
        <Loading />
      ) : (
        <>
          <TotpCard account={a} onChanged={account.reload} />
          <EmailCodesCard account={a} onChanged={account.reload} />
          <SmsCodesCard account={a} onChanged={account.reload} />
        </>
      )}
    </AccountLayout>
  );
}
