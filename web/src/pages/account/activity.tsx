/** `/account/activity`: the login history, newest first, risky signals highlighted, with paging. */
import { useState } from 'react';
import { get } from '../../api/client';
import type { HistoryItem, HistoryPage } from '../../api/types';
import { ErrorNotice, countryName } from '../../components/error-notice';
import { Button, Card, Loading, PageTitle, usePageTitle } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { Link } from '../../router';
import { AccountLayout, FlagChips, isRiskyFlag, useSessionEndOn } from './shared';

const PAGE_SIZE = 20;

function Row({ item }: { item: HistoryItem }) {
  const { t, dateTime, lang } = useI18n();
  const risky = item.flags.some(isRiskyFlag);
  return (
    <li className={`history-row${risky ? ' history-risky' : ''}${item.result ? ' history-failed' : ''}`}>
      <div className="history-main">
        <p className="history-when">{dateTime(item.at)}</p>
        <p>
          {item.device.name} · {item.ip}
          {item.country ? ` · ${countryName(item.country, lang)}` : ''}
        </p>
        <FlagChips flags={item.flags} />
      </div>
      <div className="history-result">
        {item.result ? (
          <Link to={`/help/errors/${item.result.code}`} className="result-failed">
            {t('Failed: error {code}', { code: item.result.code })}
            {item.result.reason ? ` (${item.result.reason})` : ''}
          </Link>
        ) : (
          <span className="result-ok">{t('Signed in')}</span>
        )}
      </div>
    </li>
  );
}

export function AccountActivityPage() {
  const { t } = useI18n();
  usePageTitle(t('Sign-in activity'));
  // cursors[i] opens page i; page 0 has none.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useResource(
    (signal) => get<HistoryPage>(`/api/v1/account/login-history?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal }),
    [cursor],
  );
  useSessionEndOn(page.error);
  const items = page.data?.items ?? [];
  return (
    <AccountLayout>
      <PageTitle lead={t('Every sign-in attempt that got past the password check. Highlighted rows came from a new device, country or network.')}>
        {t('Sign-in activity')}
      </PageTitle>
      <ErrorNotice error={page.error} />
      <Card>
        {page.loading && !page.data ? <Loading /> : null}
        {page.data && items.length === 0 ? <p>{t('No sign-ins yet.')}</p> : null}
        <ol className="history" aria-busy={page.loading}>
          {items.map((item) => (
            <Row key={`${item.at}-${item.ip}-${item.device.name}-${item.result?.code ?? 'ok'}`} item={item} />
          ))}
        </ol>
        <div className="pager">
          <Button variant="secondary" disabled={cursors.length <= 1 || page.loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('Newer')}
          </Button>
          <span className="pager-page">{t('Page {n}', { n: cursors.length })}</span>
          <Button
            variant="secondary"
            disabled={!page.data?.nextCursor || page.loading}
            onClick={() => setCursors((c) => [...c, page.data?.nextCursor ?? null])}
          >
            {t('Older')}
          </Button>
        </div>
      </Card>
    </AccountLayout>
  );
}
