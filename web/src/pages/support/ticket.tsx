/**
 * `/support/tickets/{id}`: the requester's view of a ticket. The mailed link
 * (`/support/tickets/confirm?token=`) confirms the ticket (POST /api/v1/tickets/confirm →
 * accessToken); the access token then reads it and replies with `Authorization: Ticket <token>`.
 * It is kept in sessionStorage for this tab only; every mail about the ticket links
 * `/support/tickets/{id}?token=` with it, and the owner's session opens the ticket too.
 * The page shows the filed facts, the status history, the messages with their screenshots (read
 * with the same credential), and takes replies.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, post } from '../../api/client';
import type { Ticket, TicketMessage } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { Button, Card, Loading, Notice, PageTitle, usePageTitle } from '../../components/ui';
import { useAction, useResource } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { MAX_ATTACHMENTS, ScreenshotPicker, StoredImage, appendImages, useImagePicker } from './images';
import { categoryLabel, statusLabel } from './labels';

const storageKey = (id: string) => `gatehouse.ticket.${id}`;

function storedToken(id: string): string | null {
  try {
    return window.sessionStorage.getItem(storageKey(id));
  } catch {
    return null;
  }
}

function storeToken(id: string, token: string): void {
  try {
    window.sessionStorage.setItem(storageKey(id), token);
  } catch {
    // kept for this page view only
  }
}

async function readTicket(id: string, accessToken: string, signal: AbortSignal): Promise<Ticket> {
  return api<Ticket>('GET', `/api/v1/tickets/${encodeURIComponent(id)}`, { headers: { authorization: `Ticket ${accessToken}` }, signal });
}

/**
 * The ticket with the access token kept for it in this tab; without one, as the signed-in owner
 * (the session cookie). Null when neither opens it.
 */
async function openTicket(id: string, linkToken: string | null, signal: AbortSignal): Promise<{ ticket: Ticket; accessToken: string | null } | null> {
  // A mailed link (/support/tickets/{id}?token=) carries the access token: kept for this tab.
  if (linkToken) storeToken(id, linkToken);
  const known = storedToken(id);
  if (known) return { ticket: await readTicket(id, known, signal), accessToken: known };
  try {
    return { ticket: await api<Ticket>('GET', `/api/v1/tickets/${encodeURIComponent(id)}`, { signal }), accessToken: null };
  } catch (err) {
    if (err instanceof ApiError && (err.code === 4011 || err.code === 4013)) return null;
    throw err;
  }
}

/**
 * `/support/tickets/confirm?token=`: the link in the "confirm your ticket" mail. One click confirms
 * (so a mail scanner confirms nothing), keeps the access token for this tab and opens the ticket.
 */
export function ConfirmTicketPage() {
  const { t } = useI18n();
  usePageTitle(t('Confirm your support ticket'));
  const { location, navigate } = useRouter();
  const token = location.search.get('token') ?? '';
  const confirm = useAction(async () => {
    const confirmed = await post<{ id: string; status: string; accessToken: string }>('/api/v1/tickets/confirm', { token });
    storeToken(confirmed.id, confirmed.accessToken);
    navigate(`/support/tickets/${encodeURIComponent(confirmed.id)}`, { replace: true });
  });
  return (
    <div className="narrow">
      <PageTitle>{t('Confirm your support ticket')}</PageTitle>
      <div className="card stack">
        {!token ? (
          <Notice kind="warning" title={t('This link is incomplete')}>
            <p>{t('Open the link from the email exactly as it was sent. If it still fails, the link may have expired.')}</p>
          </Notice>
        ) : (
          <>
            <p>{t('Confirming proves the email address is yours. The ticket then reaches the support team.')}</p>
            <ErrorNotice error={confirm.error} />
            <div className="actions">
              <Button onClick={() => void confirm.run()} busy={confirm.busy}>
                {t('Confirm and open the ticket')}
              </Button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}

/** Where a message's image is read from, and with which credential (none: the session cookie). */
export interface ImageSource {
  path(fileId: string): string;
  authorization?: string | undefined;
}

export function MessageList({ messages, viewer, images }: { messages: TicketMessage[]; viewer: 'requester' | 'staff'; images: ImageSource }) {
  const { t, dateTime } = useI18n();
  if (messages.length === 0) return <p>{t('No messages yet.')}</p>;
  const author = (from: string | undefined) =>
    from === 'support' ? t('Support') : from === 'requester' ? (viewer === 'requester' ? t('You') : t('Requester')) : t('Message');
  return (
    <ol className="messages">
      {messages.map((m, i) => {
        const shown = (m.attachments ?? []).filter((a) => a.kind === undefined || a.kind === 'attachment');
        return (
          <li key={m.id ?? i} className="message" data-from={m.from}>
            <p className="small">
              <strong>{author(m.from)}</strong>
              {m.createdAt ? ` · ${dateTime(m.createdAt)}` : ''}
            </p>
            <p className="message-body">{m.body}</p>
            {shown.length > 0 ? (
              <ul className="ticket-images">
                {shown.map((a, n) =>
                  a.deleted ? (
                    <li key={a.id} className="small">
                      {t('Screenshot {n} was deleted.', { n: n + 1 })}
                    </li>
                  ) : (
                    <li key={a.id}>
                      <StoredImage path={images.path(a.id)} authorization={images.authorization} alt={t('Screenshot {n}', { n: n + 1 })} />
                    </li>
                  ),
                )}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The status changes of a ticket, oldest first. */
export function StatusHistory({ history, viewer }: { history: NonNullable<Ticket['history']>; viewer: 'requester' | 'staff' }) {
  const { t, dateTime } = useI18n();
  const who = (by: string) =>
    by === 'requester'
      ? viewer === 'requester'
        ? t('by you')
        : t('by the requester')
      : by === 'system'
        ? t('automatically')
        : by === 'support'
          ? t('by support')
          : t('by {who}', { who: by });
  return (
    <ol className="ticket-history">
      {history.map((h) => (
        <li key={`${h.at}-${h.to}`}>
          <span className="pill">{statusLabel(t, h.to)}</span> <span className="small">{`${dateTime(h.at)} · ${who(h.by)}`}</span>
        </li>
      ))}
    </ol>
  );
}

/** The facts a requester gave when filing. */
export function TicketFacts({ ticket }: { ticket: Ticket }) {
  const { t, dateTime } = useI18n();
  return (
    <dl className="facts">
      <div>
        <dt>{t('Category')}</dt>
        <dd>{categoryLabel(t, ticket.category)}</dd>
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
      {ticket.evidence?.requested ? (
        <div>
          <dt>{t('Proof of identity')}</dt>
          <dd>
            {t('ID photo')}: {ticket.evidence.idPhoto ? t('received') : t('missing')} · {t('Selfie')}: {ticket.evidence.selfie ? t('received') : t('missing')}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

export function TicketPage({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  usePageTitle(t('Support ticket'));
  const { location, navigate } = useRouter();
  const linkToken = location.search.get('token');
  // Loaded once per ticket (its effect runs first and keeps the token); then the token leaves the
  // address bar and the history, without a reload.
  const opened = useResource((signal) => openTicket(id, linkToken, signal), [id]);
  useEffect(() => {
    if (linkToken) navigate(`/support/tickets/${encodeURIComponent(id)}`, { replace: true });
  }, [id, linkToken, navigate]);
  const [body, setBody] = useState('');
  const [sent, setSent] = useState(false);
  const attachments = useImagePicker(MAX_ATTACHMENTS);
  const accessToken = opened.data?.accessToken ?? null;
  const authorization = accessToken ? `Ticket ${accessToken}` : undefined;
  const reply = useAction(async () => {
    if (!opened.data) return;
    const form = new FormData();
    form.set('body', body.trim());
    appendImages(form, 'attachments', attachments);
    await api('POST', `/api/v1/tickets/${encodeURIComponent(id)}/messages`, { form, headers: authorization ? { authorization } : {} });
    setBody('');
    setSent(true);
    attachments.clear();
    opened.reload();
  });
  const ticket = opened.data?.ticket;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    void reply.run();
  };
  const images: ImageSource = { path: (fileId) => `/api/v1/tickets/${encodeURIComponent(id)}/attachments/${encodeURIComponent(fileId)}`, authorization };
  const waiting = ticket && ['open', 'answered', 'waiting_on_user'].includes(ticket.status);
  return (
    <div className="narrow">
      <PageTitle lead={t('Ticket {id}', { id })}>{t('Support ticket')}</PageTitle>
      <ErrorNotice error={opened.error} />
      {!ticket ? (
        opened.loading ? (
          <Loading />
        ) : null
      ) : (
        <>
          <Card title={t('Status')}>
            <p data-testid="ticket-status">
              <span className={`pill${ticket.status === 'resolved' ? ' pill-on' : ''}`}>{statusLabel(t, ticket.status)}</span>
              {waiting && ticket.status === 'open' && ticket.dueAt ? ` ${t('Expected answer by {time}', { time: dateTime(ticket.dueAt) })}` : ''}
            </p>
            {ticket.status === 'resolved' ? <p>{t('Support resolved this ticket. If the problem is not solved, reply below and it opens again.')}</p> : null}
            <TicketFacts ticket={ticket} />
          </Card>
          <Card title={t('Status history')}>
            <StatusHistory history={ticket.history ?? []} viewer="requester" />
          </Card>
          <Card title={t('Messages')}>
            <MessageList messages={ticket.messages ?? []} viewer="requester" images={images} />
          </Card>
          <Card title={t('Reply')}>
            <form className="stack" onSubmit={onSubmit} noValidate>
              <div className="field">
                <label htmlFor="reply">{t('Your message')}</label>
                <textarea id="reply" rows={4} value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} />
              </div>
              <ScreenshotPicker picker={attachments} />
              <ErrorNotice error={reply.error} compact />
              {sent && !reply.error ? <Notice kind="success">{t('Your message was added to the ticket.')}</Notice> : null}
              <div className="actions">
                <Button type="submit" busy={reply.busy} disabled={!body.trim()}>
                  {t('Send reply')}
                </Button>
              </div>
            </form>
          </Card>
        </>
      )}
      {opened.data === null ? (
        <Notice kind="info">{t('Open this ticket with the link in the latest mail about it, or sign in to the account it belongs to.')}</Notice>
      ) : null}
    </div>
  );
}
