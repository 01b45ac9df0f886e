/**
 * `/admin/tickets` (the queue, oldest first) and `/admin/tickets/{id}` (ticket, account context,
 * reply, resolve), against the support desk's API (GET /api/v1/admin/tickets answers
 * `{items, nextCursor}`; the detail `{ticket, account, twoFactor, twoFactorResets, ...}`).
 */
import { type FormEvent, useState } from 'react';
import { get, post } from '../../api/client';
import type { Page, StaffTicketDetail, Ticket } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { TICKET_CATEGORIES } from '../../components/support-link';
import { Button, Card, Field, Loading, Notice, PageTitle, usePageTitle } from '../../components/ui';
import { useAction, useResource } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { Link, useRouter } from '../../router';
import { StoredImage } from '../support/images';
import { categoryLabel, statusLabel } from '../support/labels';
import { type ImageSource, MessageList, StatusHistory, TicketFacts } from '../support/ticket';
import { AdminLayout } from './shared';

const STATUSES = ['open', 'answered', 'waiting_on_user', 'awaiting_confirmation', 'resolved', 'closed'];

export function AdminTicketsPage() {
  const { t, dateTime } = useI18n();
  usePageTitle(t('Tickets'));
  const { location, navigate } = useRouter();
  const status = location.search.get('status') ?? '';
  const category = location.search.get('category') ?? '';
  const queue = useResource(
    (signal) => {
      const query = new URLSearchParams();
      if (status) query.set('status', status);
      if (category) query.set('category', category);
      return get<Page<Ticket>>(`/api/v1/admin/tickets?${query.toString()}`, { signal });
    },
    [status, category],
  );
  const items = queue.data?.items ?? [];
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
              <option value="">{t('Waiting for us (open, answered, waiting on user)')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(t, s)}
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
                  {categoryLabel(t, c)}
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
              <th scope="col">{t('Status')}</th>
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
                <td>{statusLabel(t, ticket.status)}</td>
                <td>{categoryLabel(t, ticket.category)}</td>
                <td>{ticket.email}</td>
                <td>
                  {ticket.dueAt ? dateTime(ticket.dueAt) : '—'} {ticket.overdue ? <span className="pill pill-warn">{t('Overdue')}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </AdminLayout>
  );
}

const filePath = (ticketId: string, fileId: string) => `/api/v1/admin/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(fileId)}`;

/**
 * The ID photo and selfie of a ticket, opened one at a time on request: the server decrypts
 * evidence for staff only and audits every view, so the page never loads it unasked.
 */
function Evidence({ ticketId, ticket }: { ticketId: string; ticket: Ticket }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<Record<string, boolean>>({});
  const files = (ticket.messages ?? []).flatMap((m) => m.attachments ?? []).filter((a) => a.kind === 'id_photo' || a.kind === 'selfie');
  if (!ticket.evidence?.requested && files.length === 0) return null;
  const name = (kind: string | undefined) => (kind === 'id_photo' ? t('ID photo') : t('Selfie'));
  return (
    <div className="evidence-files">
      <h3>{t('Proof of identity')}</h3>
      {files.length === 0 ? <p>{t('No ID photo or selfie was sent.')}</p> : null}
      <ul className="ticket-images">
        {files.map((f) => (
          <li key={f.id}>
            {f.deleted ? (
              <p className="small">{t('{what}: deleted after the retention period.', { what: name(f.kind) })}</p>
            ) : shown[f.id] ? (
              <StoredImage path={filePath(ticketId, f.id)} alt={name(f.kind)} />
            ) : (
              <Button variant="secondary" onClick={() => setShown((s) => ({ ...s, [f.id]: true }))}>
                {f.kind === 'id_photo' ? t('Show the ID photo (each view is audited)') : t('Show the selfie (each view is audited)')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

const ACTIONS = ['none', 'unfreeze', 'reset_2fa', 'set_kyc_region'] as const;

export function AdminTicketPage({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  usePageTitle(t('Ticket {id}', { id }));
  const detail = useResource((signal) => get<StaffTicketDetail>(`/api/v1/admin/tickets/${encodeURIComponent(id)}`, { signal }), [id]);
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
  const ticket = detail.data?.ticket;
  const account = detail.data?.account ?? null;
  const needsIdentity = action === 'reset_2fa' || action === 'unfreeze';
  const images: ImageSource = { path: (fileId) => filePath(id, fileId) };
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
      <PageTitle lead={ticket ? `${categoryLabel(t, ticket.category)} · ${ticket.email ?? ''}` : undefined}>{t('Ticket {id}', { id })}</PageTitle>
      <ErrorNotice error={detail.error} />
      {!ticket ? (
        detail.loading ? (
          <Loading />
        ) : null
      ) : (
        <>
          <Card title={t('Request')}>
            <p data-testid="ticket-status">
              <span className={`pill${ticket.status === 'resolved' ? ' pill-on' : ''}`}>{statusLabel(t, ticket.status)}</span>
              {ticket.dueAt && ticket.status === 'open' ? ` ${t('Due {time}', { time: dateTime(ticket.dueAt) })}` : ''}
              {ticket.overdue ? <span className="pill pill-warn">{t('Overdue')}</span> : null}
            </p>
            <TicketFacts ticket={ticket} />
            <Evidence ticketId={id} ticket={ticket} />
          </Card>
          <Card title={t('Status history')}>
            <StatusHistory history={ticket.history ?? []} viewer="staff" />
          </Card>
          <Card title={t('Account')}>
            {account ? (
              <>
                <p>
                  {account.email} {account.frozen ? <span className="pill pill-warn">{t('Frozen')}</span> : <span className="pill pill-on">{t('Active')}</span>}
                  {account.frozen ? ` ${t('type {type}, since {time}', { type: account.frozen.type, time: dateTime(account.frozen.at) })}` : ''}
                </p>
                {detail.data?.twoFactor ? (
                  <p className="small">
                    {t('Authenticator app')}: {detail.data.twoFactor.totp ? t('On') : t('Off')} · {t('Backup codes')}:{' '}
                    {detail.data.twoFactor.backupCodesRemaining}
                  </p>
                ) : null}
                {detail.data?.twoFactorResets.map((r) => (
                  <p key={r.id} className="small">
                    {t('2FA reset {status}, scheduled for {time}', { status: r.status, time: dateTime(r.scheduledFor) })}
                  </p>
                ))}
                <p>
                  <Link to={`/admin/accounts/${account.id}`}>{t('Open the account context')}</Link>
                </p>
              </>
            ) : (
              <p>{t('No account with this email.')}</p>
            )}
          </Card>
          <Card title={t('Messages')}>
            <MessageList messages={ticket.messages ?? []} viewer="staff" images={images} />
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
