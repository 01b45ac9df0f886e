/**
 * `/support/tickets/{id}`: the requester's view of a ticket. The mailed link
 * (`/support/tickets/confirm?token=`) confirms the ticket (POST /api/v1/tickets/confirm →
 * accessToken); the access token then reads it and replies with `Authorization: Ticket <token>`.
 * It is kept in sessionStorage for this tab only.
 */
import { type FormEvent, useState } from 'react';
import { api, post } from '../../api/client';
import type { Ticket, TicketMessage } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { Button, Card, Loading, Notice, PageTitle, usePageTitle } from '../../components/ui';
import { useAction, useResource } from '../../hooks';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../router';
import { AttachmentPicker, useAttachments } from './new-ticket';

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

/** The ticket with the access token kept for it in this tab; null without one. */
async function openTicket(id: string, signal: AbortSignal): Promise<{ ticket: Ticket; accessToken: string } | null> {
  const known = storedToken(id);
  if (!known) return null;
  return { ticket: await readTicket(id, known, signal), accessToken: known };
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

export function MessageList({ messages }: { messages: TicketMessage[] }) {
  const { t, dateTime } = useI18n();
  if (messages.length === 0) return <p>{t('No messages yet.')}</p>;
  return (
    <ol className="messages">
      {messages.map((m, i) => (
        <li key={m.id ?? i} className="message">
          <p className="small">
            <strong>{m.from === 'support' ? t('Support') : m.from === 'requester' ? t('You') : t('Message')}</strong>
            {m.createdAt ? ` · ${dateTime(m.createdAt)}` : ''}
          </p>
          <p className="message-body">{m.body}</p>
          {m.attachments?.length ? <p className="small">{t('{n} attachments', { n: m.attachments.length })}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function TicketPage({ id }: { id: string }) {
  const { t, dateTime } = useI18n();
  usePageTitle(t('Support ticket'));
  const opened = useResource((signal) => openTicket(id, signal), [id]);
  const [body, setBody] = useState('');
  const attachments = useAttachments();
  const reply = useAction(async () => {
    const accessToken = opened.data?.accessToken;
    if (!accessToken) return;
    const form = new FormData();
    form.set('body', body.trim());
    for (const f of attachments.files) form.append('attachments', f.file, f.file.name);
    await api('POST', `/api/v1/tickets/${encodeURIComponent(id)}/messages`, { form, headers: { authorization: `Ticket ${accessToken}` } });
    setBody('');
    attachments.clear();
    opened.reload();
  });
  const ticket = opened.data?.ticket;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void reply.run();
  };
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
            <p>
              <span className="pill">{ticket.status}</span>
              {ticket.dueAt ? ` ${t('Expected answer by {time}', { time: dateTime(ticket.dueAt) })}` : ''}
            </p>
            {ticket.description ? <p className="message-body">{ticket.description}</p> : null}
          </Card>
          <Card title={t('Messages')}>
            <MessageList messages={ticket.messages ?? []} />
          </Card>
          <Card title={t('Reply')}>
            <form className="stack" onSubmit={onSubmit} noValidate>
              <div className="field">
                <label htmlFor="reply">{t('Your message')}</label>
                <textarea id="reply" rows={4} value={body} onChange={(e) => setBody(e.target.value)} maxLength={5000} />
              </div>
              <AttachmentPicker attachments={attachments} />
              <ErrorNotice error={reply.error} compact />
              <div className="actions">
                <Button type="submit" busy={reply.busy} disabled={!body.trim()}>
                  {t('Send reply')}
                </Button>
              </div>
            </form>
          </Card>
        </>
      )}
      {opened.data === null ? <Notice kind="info">{t('Open this page from the link in the ticket email.')}</Notice> : null}
    </div>
  );
}
