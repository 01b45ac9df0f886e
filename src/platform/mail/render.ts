/**
 * Turns a mail's content into the text and HTML parts every email carries. Domains write content
 * (subject, paragraphs, the facts of the event, one action link) per language; this is the one place
 * that knows the layout. Everything is escaped: values come from requests (device names, IPs).
 */
import type { OutgoingMessage } from './outbox.js';

export interface MailContent {
  subject: string;
  paragraphs: string[];
  /** Label and value of each fact of the event (time, device, IP, country), shown as a table. */
  facts?: Array<[string, string]>;
  /** The one thing to do, as a button in HTML and a bare URL in text. */
  action?: { label: string; url: string };
  /** Small print under the action. */
  footnotes?: string[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function textPart(content: MailContent): string {
  const blocks = [...content.paragraphs];
  if (content.facts?.length) blocks.push(content.facts.map(([label, value]) => `${label}: ${value}`).join('\n'));
  if (content.action) blocks.push(`${content.action.label}: ${content.action.url}`);
  if (content.footnotes?.length) blocks.push(...content.footnotes);
  return blocks.join('\n\n');
}

function htmlPart(content: MailContent): string {
  const p = (text: string, style = '') => `<p style="margin:0 0 16px;${style}">${escapeHtml(text)}</p>`;
  const facts = content.facts?.length
    ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${content.facts
        .map(
          ([label, value]) =>
            `<tr><td style="padding:2px 16px 2px 0;color:#5f6b7a">${escapeHtml(label)}</td><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const action = content.action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#1f3a5f;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>` +
      p(content.action.url, 'font-size:12px;color:#5f6b7a;word-break:break-all')
    : '';
  const notes = (content.footnotes ?? []).map((note) => p(note, 'font-size:12px;color:#5f6b7a')).join('');
  return [
    '<!doctype html><html><body style="margin:0;padding:24px;background:#f4f6f8;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1b2430;font-size:15px;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">',
    `<h1 style="font-size:18px;margin:0 0 16px">${escapeHtml(content.subject)}</h1>`,
    content.paragraphs.map((text) => p(text)).join(''),
    facts,
    action,
    notes,
    '</div></body></html>',
  ].join('');
}

export function renderMail(to: string, content: MailContent): OutgoingMessage {
  return { to, channel: 'email', subject: content.subject, text: textPart(content), html: htmlPart(content) };
}

/** What a security notice says about the event that caused it. */
export interface NoticeEvent {
  atMs: number;
  ip: string;
  country: string | null;
  /** A readable device name ("Chrome on macOS"), when known. */
  device?: string | null;
}

const FACT_LABELS = {
  en: { time: 'Time', device: 'Device', ip: 'IP address', country: 'Country' },
  'zh-CN': { time: '时间', device: '设备', ip: 'IP 地址', country: '国家/地区' },
} as const;

/** Time, device, IP and country of an event, labelled in the mail's language. */
export function eventFacts(locale: 'en' | 'zh-CN', event: NoticeEvent): Array<[string, string]> {
  const labels = FACT_LABELS[locale];
  const time = `${new Date(event.atMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return [
    [labels.time, time],
    ...(event.device ? [[labels.device, event.device] as [string, string]] : []),
    [labels.ip, event.ip],
    [labels.country, event.country ?? (locale === 'en' ? 'unknown' : '未知')],
  ];
}
