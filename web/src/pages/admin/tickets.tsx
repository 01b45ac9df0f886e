/**
 * `/admin/tickets` (the queue, oldest first) and `/admin/tickets/{id}` (ticket, account context,
 * reply, resolve). Built against the documented support-desk API, which is not served yet.
 */
import { type FormEvent, useState } from 'react';
import { get, post } from '../../api/client';
import type { AccountContext, Ticket } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { TICKET_CATEGORIES } from '../../components/support-link';
import { Button, Card, Field, Loading, Notice, PageTitle, usePageTitle } from '../../components/ui';
import { useAction, useResource } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { Link, useRouter } from '../../router';
import { MessageList } from '../support/ticket';
import { AdminLayout } from './shared';

const STATUSES = ['open', 'awaiting_confirmation', 'waiting_on_user', 'resolved'];

export function AdminTicketsPage() {
  const { t, dateTime } = useI18n();
  usePageTitle(t('Tickets'));
  const { location, navigate } = useRouter();
  const status = location.search.get('status') ?? 'open';
  const category = location.search.get('category') ?? '';
  const queue = useResource(
    (signal) =>
      get<Ticket[] | { items: Ticket[] }>(
        `/api/v1/admin/tickets?status=${encodeURIComponent(status)}${category ? `&category=${encodeURIComponent(category)}` : ''}`,
        { signal },
      ),
    [status, category],
  );
  const items = Array.isArray(queue.data) ? queue.data : (queue.data?.items ?? []);
  const setFilter = (key: string, value: string) => {
    const params = new URLSearchParams(location.search);
    if (value) params.set(key, value);
    else params.delete(key);
    navigate(`/admin/tickets?${params.toString()}`, { replace: true });
  };
  return (
    <AdminLayout>
      <PageTitle lead={t('Oldest first, with the time each is due.')}>{t('Tickets')}</PageTitle>
      <Card>
        <div className="row">
          <div className="field">
            <label htmlFor="status">{t('Status')}</label>
            <select id="status" value={status} onChange={(e) => setFilter('status', e.target.value)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="category">{t('Category')}</label>
            <select id="category" value={category} onChange={(e) => setFilter('category', e.target.value)}>
              <option value="">{t('All')}</option>
              {TICKET_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
        </div>
      </Card>
      <ErrorNotice error={queue.error} />
      {queue.loading && !queue.data ? <Loading /> : null}
      {queue.data && items.length === 0 ? <p>{t('No tickets here.')}</p> : null}
      {items.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('Ticket')}</th>
              <th scope="col">{t('Category')}</th>
              <th scope="col">{t('Email')}</th>
              <th scope="col">{t('Due')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((ticket) => (
              <tr key={ticket.id}>
                <td>
                  <Link to={`/admin/tickets/${ticket.id}`}>{ticket.id}</Link>
                </td>
                <td>{ticket.category}</td>
                <td>{ticket.email}</td>
                <td>{ticket.dueAt ? dateTime(ticket.dueAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </AdminLayout>
  );
}

const ACTIONS = ['none', 'unfreeze', 'reset_2fa', 'set_kyc_region'] as const;

export function AdminTicketPage({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  usePageTitle(t('Ticket {id}', { id }));
  const detail = useResource(
    (signal) => get<Ticket & { account?: AccountContext | null }>(`/api/v1/admin/tickets/${encodeURIComponent(id)}`, { signal }),
    [id],
  );
  const [replyBody, setReplyBody] = useState('');
  const [action, setAction] = useState<(typeof ACTIONS)[number]>('none');
  const [note, setNote] = useState('');
  const [kycCountry, setKycCountry] = useState('');
  const [identityVerified, setIdentityVerified] = useState(false);
  const [resolved, setResolved] = useState(false);
  const reply = useAction(async () => {
    await post(`/api/v1/admin/tickets/${encodeURIComponent(id)}/messages`, { body: replyBody.trim() });
    setReplyBody('');
    detail.reload();
  });
  const resolve = useAction(async () => {
    await post(`/api/v1/admin/tickets/${encodeURIComponent(id)}/resolve`, {
      action,
      identityVerified,
      note: note.trim(),
      ...(action === 'set_kyc_region' ? { kycCountry: kycCountry.trim().toUpperCase() } : {}),
    });
    setResolved(true);
    detail.reload();
  });
  const ticket = detail.data;
  const needsIdentity = action === 'reset_2fa' || action === 'unfreeze';
  const submitReply = (e: FormEvent) => {
    e.preventDefault();
    void reply.run();
  };
  const submitResolve = (e: FormEvent) => {
    e.preventDefault();
    void resolve.run();
  };
  return (
    <AdminLayout>
      <p className="breadcrumb">
        <Link to="/admin/tickets">{t('Tickets')}</Link>
      </p>
      <PageTitle lead={ticket ? `${ticket.category ?? ''} · ${ticket.email ?? ''}` : undefined}>{t('Ticket {id}', { id })}</PageTitle>
      <ErrorNotice error={detail.error} />
      {!ticket ? (
        detail.loading ? (
          <Loading />
        ) : null
      ) : (
        <>
          <Card title={t('Request')}>
            <dl className="facts">
              <div>
                <dt>{t('Status')}</dt>
                <dd>{ticket.status}</dd>
              </div>
              <div>
                <dt>{t('Error code')}</dt>
                <dd>{ticket.errorCode ?? '—'}</dd>
              </div>
              <div>
                <dt>{t('Device')}</dt>
                <dd>{ticket.deviceModel ?? '—'}</dd>
              </div>
              <div>
                <dt>{t('When')}</dt>
                <dd>{ticket.occurredAt ? dateTime(ticket.occurredAt) : '—'}</dd>
              </div>
            </dl>
            {ticket.description ? <p className="message-body">{ticket.description}</p> : null}
            {ticket.account?.account ? (
              <p>
                <Link to={`/admin/accounts/${ticket.account.account.id}`}>{t('Open the account context')}</Link>
              </p>
            ) : null}
          </Card>
          <Card title={t('Messages')}>
            <MessageList messages={ticket.messages ?? []} />
            <form className="stack" onSubmit={submitReply} noValidate>
              <div className="field">
                <label htmlFor="staff-reply">{t('Reply (mailed to the requester)')}</label>
                <textarea id="staff-reply" rows={3} value={replyBody} onChange={(e) => setReplyBody(e.target.value)} />
              </div>
              <ErrorNotice error={reply.error} compact />
              <div className="actions">
                <Button type="submit" variant="secondary" busy={reply.busy} disabled={!replyBody.trim()}>
                  {t('Send reply')}
                </Button>
              </div>
            </form>
          </Card>
          <Card title={t('Resolve')}>
            {resolved ? <Notice kind="success">{t('Resolved.')}</Notice> : null}
            <form className="stack" onSubmit={submitResolve} noValidate>
              <div className="field">
                <label htmlFor="resolve-action">{t('Action')}</label>
                <select id="resolve-action" value={action} onChange={(e) => setAction(e.target.value as (typeof ACTIONS)[number])}>
                  <option value="none">{t('No account change')}</option>
                  <option value="unfreeze">{t('Unfreeze the account')}</option>
                  <option value="reset_2fa">{t('Reset two-step verification (after a 48-hour hold)')}</option>
                  <option value="set_kyc_region">{t('Change the KYC country')}</option>
                </select>
              </div>
              {action === 'set_kyc_region' ? (
                <Field
                  label={t('Country code (ISO, two letters)')}
                  name="kyc"
                  value={kycCountry}
                  onChange={(e) => setKycCountry(e.target.value.toUpperCase())}
                  maxLength={2}
                />
              ) : null}
              <Field label={t('Note (for the audit log)')} name="note" value={note} onChange={(e) => setNote(e.target.value)} />
              <label className="check">
                <input type="checkbox" checked={identityVerified} onChange={(e) => setIdentityVerified(e.target.checked)} />
                {t('I verified the owner’s identity')}
                {needsIdentity ? <span className="small"> {t('(required for this action)')}</span> : null}
              </label>
              <ErrorNotice error={resolve.error} compact />
              <div className="actions">
                <Button type="submit" busy={resolve.busy} disabled={(needsIdentity && !identityVerified) || !note.trim()}>
                  {t('Resolve ticket')}
                </Button>
              </div>
            </form>
          </Card>
        </>
      )}
    </AdminLayout>
  );
}
