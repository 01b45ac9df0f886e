/** `/admin/maintenance`, `/admin/region-policy` and `/admin/audit` (admin role). */
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, get, post } from '../../api/client';
import type { AuditRow, MaintenanceState, Page } from '../../api/types';
import { ErrorNotice, fieldProblems } from '../../components/error-notice';
import { Button, Card, Field, Loading, Notice, PageTitle, usePageTitle } from '../../components/ui';
import { useAction, useResource } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { AdminLayout } from './shared';

/** "2026-12-01T08:00" in local time (what datetime-local shows) ↔ an ISO instant. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function AdminMaintenancePage() {
  const { t, dateTime } = useI18n();
  usePageTitle(t('Maintenance'));
  const state = useResource((signal) => get<MaintenanceState>('/api/v1/admin/maintenance', { signal }), []);
  const [message, setMessage] = useState('');
  const [until, setUntil] = useState('');
  useEffect(() => {
    if (state.data) {
      setMessage(state.data.message ?? '');
      setUntil(toLocalInput(state.data.until));
    }
  }, [state.data]);
  const save = useAction(async (enabled: boolean) => {
    const body: Record<string, unknown> = { enabled };
    if (enabled && message.trim()) body.message = message.trim();
    if (enabled && until) body.until = new Date(until).toISOString();
    await post('/api/v1/admin/maintenance', body);
    state.reload();
  });
  const m = state.data;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(true);
  };
  return (
    <AdminLayout>
      <PageTitle lead={t('While it is on, every user request answers error 1100 with your message. Staff sign-in keeps working.')}>
        {t('Maintenance')}
      </PageTitle>
      <ErrorNotice error={state.error} />
      {!m ? (
        <Loading />
      ) : (
        <Card>
          <p className="status-line" data-testid="maintenance-state">
            <span className={`pill ${m.enabled ? 'pill-warn' : 'pill-on'}`}>{m.enabled ? t('On') : t('Off')}</span>{' '}
            {m.enabled ? (m.until ? t('Announced end: {time}', { time: dateTime(m.until) }) : t('No end time announced.')) : t('Users can sign in.')}
          </p>
          <form className="stack" onSubmit={onSubmit} noValidate>
            <div className="field">
              <label htmlFor="maintenance-message">{t('Message shown to users (optional)')}</label>
              <textarea id="maintenance-message" maxLength={500} rows={3} value={message} onChange={(e) => setMessage(e.target.value)} />
            </div>
            <Field
              label={t('Announced end (your local time, optional)')}
              type="datetime-local"
              name="until"
              value={until}
              onChange={(e) => setUntil(e.target.value)}
            />
            <ErrorNotice error={save.error} />
            <div className="actions">
              <Button type="submit" variant={m.enabled ? 'secondary' : 'danger'} busy={save.busy}>
                {m.enabled ? t('Update maintenance') : t('Turn maintenance on')}
              </Button>
              {m.enabled ? (
                <Button onClick={() => void save.run(false)} busy={save.busy}>
                  {t('Turn maintenance off')}
                </Button>
              ) : null}
            </div>
          </form>
        </Card>
      )}
    </AdminLayout>
  );
}

export function AdminRegionPolicyPage() {
  const { t } = useI18n();
  usePageTitle(t('Region policy'));
  const policy = useResource((signal) => get<unknown>('/api/v1/admin/region-policy', { signal }), []);
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (policy.data !== undefined) setText(JSON.stringify(policy.data, null, 2));
  }, [policy.data]);
  const save = useAction(async () => {
    setSaved(false);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      setParseError((err as Error).message);
      return;
    }
    setParseError(null);
    const stored = await api<unknown>('PUT', '/api/v1/admin/region-policy', { body: parsed });
    setText(JSON.stringify(stored, null, 2));
    setSaved(true);
  });
  const problems = fieldProblems(save.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  return (
    <AdminLayout>
      <PageTitle
        lead={t(
          'Ordered rules over the IP country and the KYC country; the first rule that matches decides. Saved policies apply on every server within a second.',
        )}
      >
        {t('Region policy')}
      </PageTitle>
      <ErrorNotice error={policy.error} />
      <Card>
        <form className="stack" onSubmit={onSubmit} noValidate>
          <div className={`field${parseError || Object.keys(problems).length ? ' field-invalid' : ''}`}>
            <label htmlFor="policy-json">{t('Policy (JSON)')}</label>
            <textarea
              id="policy-json"
              className="code-editor"
              rows={18}
              spellCheck={false}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                setParseError(null);
              }}
              aria-describedby="policy-problems"
            />
            <div id="policy-problems">
              {parseError ? <p className="problem">{t('Not valid JSON: {problem}', { problem: parseError })}</p> : null}
              {Object.entries(problems).map(([path, problem]) => (
                <p key={path} className="problem">
                  <code>{path}</code>: {problem}
                </p>
              ))}
            </div>
          </div>
          {saved ? <Notice kind="success">{t('Saved. The new policy is in force.')}</Notice> : null}
          {save.error instanceof ApiError && save.error.code !== 4010 ? <ErrorNotice error={save.error} /> : null}
          <div className="actions">
            <Button type="submit" busy={save.busy} disabled={!text.trim()}>
              {t('Save policy')}
            </Button>
          </div>
        </form>
      </Card>
    </AdminLayout>
  );
}

export function AdminAuditPage() {
  const { t, dateTime } = useI18n();
  usePageTitle(t('Audit log'));
  // cursors[i] opens page i of the newest-first log; page 0 has none.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const rows = useResource(
    (signal) => get<AuditRow[] | Page<AuditRow>>(`/api/v1/admin/audit?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { signal }),
    [cursor],
  );
  // Either a plain list (newest 100) or a page with a cursor, depending on the server version.
  const items = Array.isArray(rows.data) ? rows.data : rows.data?.items;
  const nextCursor = Array.isArray(rows.data) ? null : (rows.data?.nextCursor ?? null);
  const describe = (r: AuditRow) => {
    const parts = [
      r.detail,
      r.before !== undefined && r.before !== null ? { before: r.before } : null,
      r.after !== undefined && r.after !== null ? { after: r.after } : null,
    ];
    return parts
      .filter((p) => p !== null && p !== undefined)
      .map((p) => JSON.stringify(p))
      .join(' ');
  };
  return (
    <AdminLayout>
      <PageTitle lead={t('Every staff action, newest first. Nothing here can be edited or deleted.')}>{t('Audit log')}</PageTitle>
      <ErrorNotice error={rows.error} />
      <Card>
        {!items ? (
          <Loading />
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('Time')}</th>
                  <th scope="col">{t('Who')}</th>
                  <th scope="col">{t('Action')}</th>
                  <th scope="col">{t('Target')}</th>
                  <th scope="col">{t('Detail')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <td>{dateTime(r.at)}</td>
                    <td>{r.actor}</td>
                    <td>
                      <code>{r.action}</code>
                    </td>
                    <td className="small">{r.target ?? '—'}</td>
                    <td>
                      <code className="detail">{describe(r)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="pager">
          <Button variant="secondary" disabled={cursors.length <= 1 || rows.loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('Newer')}
          </Button>
          <span className="pager-page">{t('Page {n}', { n: cursors.length })}</span>
          <Button variant="secondary" disabled={!nextCursor || rows.loading} onClick={() => setCursors((c) => [...c, nextCursor])}>
            {t('Older')}
          </Button>
        </div>
      </Card>
    </AdminLayout>
  );
}
