/** The help center: every error code (GET /api/v1/errors), then one code with its reasons. */
import { fetchCatalog, fetchCatalogEntry } from '../api/catalog';
import type { CatalogEntry } from '../api/types';
import { ErrorNotice } from '../components/error-notice';
import { categoryFor } from '../components/support-link';
import { Loading, Notice, PageTitle, usePageTitle } from '../components/ui';
import { useResource } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { Link } from '../router';

function CodeList({ entries }: { entries: CatalogEntry[] }) {
  return (
    <ul className="code-list">
      {entries.map((entry) => (
        <li key={entry.code}>
          <Link to={`/help/errors/${entry.code}`}>
            <span className="code-badge">{entry.code}</span>
            <span className="code-title">{entry.title}</span>
          </Link>
          <span className="code-name">{entry.name}</span>
        </li>
      ))}
    </ul>
  );
}

export function HelpIndexPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('Error codes'));
  const catalog = useResource(() => fetchCatalog(lang), [lang]);
  const app = catalog.data?.filter((e) => e.code >= 0) ?? [];
  const signed = catalog.data?.filter((e) => e.code < 0) ?? [];
  return (
    <div>
      <PageTitle lead={t('Every error Gatehouse can answer with: what it means and what to do about it.')}>{t('Help center: error codes')}</PageTitle>
      {catalog.loading && !catalog.data ? <Loading /> : null}
      <ErrorNotice error={catalog.error} />
      {catalog.data ? (
        <div className="grid-2">
          <section className="card">
            <h2>{t('Sign-in and account')}</h2>
            <CodeList entries={app} />
          </section>
          <section className="card">
            <h2>{t('Trading API (Binance-compatible)')}</h2>
            <CodeList entries={signed} />
          </section>
        </div>
      ) : null}
    </div>
  );
}

export function HelpCodePage({ code }: { code: string }) {
  const { t, lang } = useI18n();
  const valid = /^-?\d{1,5}$/.test(code);
  const entry = useResource(() => (valid ? fetchCatalogEntry(Number(code), lang) : Promise.resolve(null)), [code, lang, valid]);
  usePageTitle(entry.data ? `${entry.data.code} ${entry.data.title}` : t('Error {code}', { code }));

  if (entry.loading && entry.data === undefined) return <Loading />;
  const e = entry.data;
  if (!e) {
    return (
      <div>
        <PageTitle>{t('Error {code}', { code })}</PageTitle>
        <Notice kind="warning" title={t('No such error code')}>
          <p>{t('Gatehouse has no error with this code. See the list of every code.')}</p>
          <p>
            <Link to="/help/errors">{t('All error codes')}</Link>
          </p>
        </Notice>
      </div>
    );
  }
  return (
    <article className="help-article">
      <p className="breadcrumb">
        <Link to="/help/errors">{t('All error codes')}</Link>
      </p>
      <PageTitle lead={e.meaning}>
        <span className="code-badge large">{e.code}</span> {e.title}
      </PageTitle>
      <p className="meta">
        <code>{e.name}</code> · HTTP {e.httpStatus}
      </p>
      <section className="card">
        <h2>{t('What to do')}</h2>
        <p>{e.solution}</p>
        {e.steps.length > 0 ? (
          <ol className="steps">
            {e.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        ) : null}
      </section>
      {e.reasons.length > 0 ? (
        <section className="card">
          <h2>{t('Specific causes')}</h2>
          <dl className="reasons">
            {e.reasons.map((r) => (
              <div key={r.reason} id={`reason-${r.reason}`}>
                <dt>
                  <code>{r.reason}</code>
                </dt>
                <dd>{r.msg}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      {e.faq.length > 0 ? (
        <section className="card">
          <h2>{t('Questions and answers')}</h2>
          {e.faq.map((item) => (
            <details key={item.q} className="faq">
              <summary>{item.q}</summary>
              <p>{item.a}</p>
            </details>
          ))}
        </section>
      ) : null}
      <p>
        <Link to={`/support/new?category=${categoryFor(e.code)}&code=${e.code}`}>{t('Still stuck? Contact support')}</Link>
      </p>
    </article>
  );
}
