/**
 * `/dev/mailbox`: the outbox of a development server (GATEHOUSE_DEV=1), so that every flow can be
 * finished without SMTP. Links in the mails open on this server, whatever publicUrl says.
 */
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { ApiError, get } from '../api/client';
import type { OutboxItem } from '../api/types';
import { ErrorNotice } from '../components/error-notice';
import { Button, Card, Field, Notice, PageTitle, usePageTitle } from '../components/ui';
import { useResource } from '../hooks';
import { useI18n } from '../i18n/i18n';
import { matchRoute } from '../routes';
import { Link, useRouter } from '../router';

const REFRESH_MS = 3000;
const URL_PATTERN = /https?:\/\/[^\s<>"')]+/g;

/** Mail text with its links made clickable; a link to one of the app's pages opens here. */
function MailText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    const raw = match[0].replace(/[.,;:]+$/, '');
    let local: string | null = null;
    try {
      const url = new URL(raw);
      if (matchRoute(url.pathname)) local = url.pathname + url.search;
    } catch {
      local = null;
    }
    parts.push(
      local ? (
        <Link key={index} to={local}>
          {raw}
        </Link>
      ) : (
        <a key={index} href={raw} rel="noopener noreferrer">
          {raw}
        </a>
      ),
    );
    last = index + raw.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <pre className="mail-text">{parts}</pre>;
}

export function DevMailboxPage() {
  const { t, dateTime } = useI18n();
  usePageTitle(t('Dev mailbox'));
  const { location, navigate } = useRouter();
  const to = location.search.get('to') ?? '';
  const [address, setAddress] = useState(to);
  const [tick, setTick] = useState(0);
  useEffect(() => setAddress(to), [to]);
  useEffect(() => {
    if (!to) return;
    const timer = window.setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [to]);
  const probe = useResource((signal) => get<OutboxItem[]>('/api/v1/dev/outbox?to=dev-mode-probe', { signal }).then(() => true), []);
  const mail = useResource(
    (signal) => (to ? get<OutboxItem[]>(`/api/v1/dev/outbox?to=${encodeURIComponent(to)}`, { signal }) : Promise.resolve(null)),
    [to, tick],
  );
  const unavailable = probe.error instanceof ApiError && probe.error.code === 4013;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/dev/mailbox?to=${encodeURIComponent(address.trim())}`, { replace: true });
  };

  if (unavailable) {
    return (
      <div className="narrow">
        <PageTitle>{t('Dev mailbox')}</PageTitle>
        <Notice kind="info" title={t('The dev mailbox is unavailable')}>
          <p>{t('This server does not run in development mode, so mail goes out by SMTP and is not shown here. Check your inbox.')}</p>
          <p className="small">{t('Operators: start the server with GATEHOUSE_DEV=1 to use this page on a test machine. Never in production.')}</p>
        </Notice>
      </div>
    );
  }
  return (
    <div>
      <PageTitle lead={t('Development server only: mail and SMS that would have been sent, newest first. Never enable this in production.')}>
        {t('Dev mailbox')}
      </PageTitle>
      <Card>
        <form className="inline-form" onSubmit={onSubmit}>
          <Field
            label={t('Email address or phone number')}
            name="to"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            autoComplete="email"
            required
          />
          <Button type="submit" disabled={!address.trim()}>
            {t('Show mail')}
          </Button>
        </form>
      </Card>
      <ErrorNotice error={probe.error ?? mail.error} />
      {mail.data ? (
        mail.data.length === 0 ? (
          <p role="status">{t('Nothing sent to {to} yet. This page refreshes by itself.', { to })}</p>
        ) : (
          <ol className="mailbox">
            {mail.data.map((item) => (
              <li key={`${item.createdAt}-${item.subject}`} className="card mail">
                <p className="mail-head">
                  <span className="pill">{item.channel === 'sms' ? 'SMS' : t('Email')}</span> <strong>{item.subject}</strong>
                  <span className="small"> · {dateTime(item.createdAt)}</span>
                </p>
                <MailText text={item.text || t('(delivered; the text is no longer kept)')} />
              </li>
            ))}
          </ol>
        )
      ) : null}
    </div>
  );
}
