/**
 * `/support/tickets/{id}?token=`: the requester's view of a ticket. The mailed token first confirms
 * the ticket (POST /api/v1/tickets/confirm → accessToken); the access token then reads it and
 * replies with `Authorization: Ticket <token>`. It is kept in sessionStorage for this tab only.
 */
import { type FormEvent, useState } from 'react';
import { ApiError, api, post } from '../../api/client';
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

async function openTicket(id: string, linkToken: string | null, signal: AbortSignal): Promise<{ ticket: Ticket; accessToken: string }> {
  const read = (accessToken: string) =>
    api<Ticket>('GET', `/api/v1/tickets/${encodeURIComponent(id)}`, { headers: { authorization: `Ticket ${accessToken}` }, signal });
  const known = storedToken(id);
  if (known) {
    try {
      return { ticket: await read(known), accessToken: known };
    } catch (err) {
      if (!linkToken) throw err;
    }
  }
  if (!linkToken) throw new ApiError(401, { code: 4011, msg: '', details: {}, help: '/help/errors/4011', requestId: '' });
  try {
    const confirmed = await post<{ id: string; status: string; accessToken: string }>('/api/v1/tickets/confirm', { token: linkToken }, { signal });
    storeToken(id, confirmed.accessToken);
    return { ticket: await read(confirmed.accessToken), accessToken: confirmed.accessToken };
  } catch (err) {
    // A link that was already used to confirm may itself be the access link.
    if (err instanceof ApiError && err.code === 4014) {
      const ticket = await read(linkToken);
      storeToken(id, linkToken);
      return { ticket, accessToken: linkToken };
    }
    throw err;
  }
}

export function MessageList({ messages }: { messages: TicketMessage[] }) {
  const { t, dateTime } = useI18n();
  if (messages.length === 0) return <p>{t('No messages yet.')}</p>;
  return (
    <ol className="messages">
      {messages.map((m, i) => (
        <li key={m.id ?? i} className="message">
          <p className="small">
            <strong>{m.author ?? m.from ?? t('Message')}</strong>
            {m.at || m.createdAt ? ` · ${dateTime((m.at ?? m.createdAt) as string)}` : ''}
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
  const linkToken = useRouter().location.search.get('token');
  const opened = useResource((signal) => openTicket(id, linkToken, signal), [id, linkToken]);
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
  const expected = ticket?.expectedResponse ?? ticket?.expectedResponseTime ?? ticket?.dueAt;
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
              {expected ? ` ${t('Expected answer by {time}', { time: /\d{4}-\d{2}-\d{2}T/.test(expected) ? dateTime(expected) : expected })}` : ''}
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
      {!ticket && !opened.loading && !linkToken ? <Notice kind="info">{t('Open this page from the link in the ticket email.')}</Notice> : null}
    </div>
  );
}
