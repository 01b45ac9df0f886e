/**
 * Filing a ticket, and confirming one filed without signing in.
 *
 * Protects: the desk's queue and other people's mailboxes. Invariants: a ticket filed without a
 * session enters the queue only after its emailed link is used, so a stranger cannot put work in
 * someone's name; the link's token is 256 random bits stored as SHA-256, works until
 * support.confirmLinkTtlHours and exactly once (one conditional UPDATE), and its use returns the
 * ticket's access token (also 256 bits, stored hashed). Filing answers the same whether or not the
 * address has an account, and the account is linked only when the link is used (its owner controls
 * the mailbox). Everything is checked (fields, images, limits) before a file or a row is written.
 */
import { renderMail } from '../platform/mail/render.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors/app-error.js';
import type { AccountRow } from '../accounts/store.js';
import { findAccountByEmail } from '../accounts/store.js';
import { isValidEmail, normalizeEmail } from '../accounts/email.js';
import { sha256Hex } from '../platform/crypto.js';
import { randomToken } from '../platform/random.js';
import { asksForEvidence, canonicalCategory, type TicketCategory } from './categories.js';
import { ticketConfirmationMail, type MailLocale } from './mails.js';
import type { IncomingImage } from './multipart.js';
import { commitWithImages, writeImages } from './stored-images.js';
import { consumeConfirmToken, findTicketByConfirmToken, insertTicket, insertTicketEvent, insertTicketFiles, insertTicketMessage } from './store.js';
import type { SupportLimits } from './limits.js';
import { addWorkingDays } from './working-days.js';
import { ACCESS_TOKEN_PREFIX, ticketAccessToken } from './access-link.js';

export const TICKET_TEXT_FIELDS = ['email', 'category', 'errorCode', 'deviceModel', 'occurredAt', 'description'] as const;
export const MAX_DESCRIPTION_CHARS = 5000;

type FilingDeps = Pick<Deps, 'db' | 'clock' | 'random' | 'newId' | 'config' | 'keys' | 'mailer'>;

export interface TicketFields {
  email: string | null;
  category: TicketCategory;
  errorCode: number | null;
  deviceModel: string | null;
  occurredAtMs: number | null;
  description: string;
}

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Message text: trimmed, 1-5000 characters, no control characters but line breaks and tabs. */
export function requireMessageText(raw: string | undefined, field: string): string {
  const text = (raw ?? '').normalize('NFC').trim();
  if (text.length === 0) throw invalid({ [field]: 'required' });
  if (text.length > MAX_DESCRIPTION_CHARS) throw invalid({ [field]: `at most ${MAX_DESCRIPTION_CHARS} characters` });
  if (CONTROL.test(text)) throw invalid({ [field]: 'control characters' });
  return text;
}

function invalid(fields: Record<string, string>): AppError {
  return new AppError('VALIDATION_FAILED', { details: { fields } });
}

/** Checks the form fields; every problem is named at once. `signedIn`: the email comes from the account. */
export function parseTicketFields(raw: Record<string, string>, signedIn: boolean): TicketFields {
  const problems: Record<string, string> = {};
  let email: string | null = null;
  if (!signedIn) {
    email = normalizeEmail(raw.email ?? '');
    if (!raw.email) problems.email = 'required';
    else if (!isValidEmail(email)) problems.email = 'invalid email address';
  }
  const category = canonicalCategory((raw.category ?? '').trim());
  if (!category) problems.category = raw.category ? 'unknown category' : 'required';
  let errorCode: number | null = null;
  if (raw.errorCode !== undefined && raw.errorCode.trim() !== '') {
    if (/^-?[0-9]{1,5}$/.test(raw.errorCode.trim())) errorCode = Number(raw.errorCode.trim());
    else problems.errorCode = 'an error code such as 4002';
  }
  let deviceModel: string | null = null;
  if (raw.deviceModel !== undefined && raw.deviceModel.trim() !== '') {
    deviceModel = raw.deviceModel.normalize('NFC').trim();
    if (deviceModel.length > 100 || CONTROL.test(deviceModel)) problems.deviceModel = 'at most 100 characters of text';
  }
  let occurredAtMs: number | null = null;
  if (raw.occurredAt !== undefined && raw.occurredAt.trim() !== '') {
    const parsed = Date.parse(raw.occurredAt.trim());
    if (Number.isNaN(parsed) || !/^\d{4}-\d{2}-\d{2}/.test(raw.occurredAt.trim())) problems.occurredAt = 'an ISO 8601 date-time';
    else occurredAtMs = parsed;
  }
  let description = '';
  try {
    description = requireMessageText(raw.description, 'description');
  } catch (err) {
    Object.assign(problems, ((err as AppError).details as { fields: Record<string, string> }).fields);
  }
  if (Object.keys(problems).length > 0) throw invalid(problems);
  return { email, category: category!, errorCode, deviceModel, occurredAtMs, description };
}

/** Evidence only where it is asked for; screenshots anywhere. */
export function checkImagesFor(category: string, images: IncomingImage[]): void {
  const evidence = images.find((image) => image.field !== 'attachments');
  if (evidence && !asksForEvidence(category)) throw invalid({ [evidence.field]: 'identity evidence is taken only for account_frozen and reset_2fa tickets' });
}

export interface FiledTicket {
  id: string;
  status: 'awaiting_confirmation' | 'open';
  dueAtMs: number | null;
}

export async function fileTicket(
  deps: FilingDeps,
  limits: SupportLimits,
  input: { fields: TicketFields; images: IncomingImage[]; account: AccountRow | null; locale: MailLocale; ip: string },
): Promise<FiledTicket> {
  const { fields, account } = input;
  checkImagesFor(fields.category, input.images);
  const email = account ? account.email : fields.email!;
  // The mail limits come last among the checks, so a refused request never used up a mail.
  if (!account) await limits.admitConfirmationMail(email);
  const now = deps.clock.nowMs();
  const id = deps.newId();
  const messageId = deps.newId();
  const status = account ? ('open' as const) : ('awaiting_confirmation' as const);
  const dueAtMs = account ? addWorkingDays(now, deps.config.support.responseWorkingDays) : null;
  const confirmToken = account ? null : randomToken(deps.random, 32);
  const ttlHours = deps.config.support.confirmLinkTtlHours;
  const files = await writeImages(deps, id, messageId, input.images);
  await commitWithImages(deps, files, () =>
    deps.db.transaction().execute(async (trx) => {
      await insertTicket(trx, {
        id,
        accountId: account?.id ?? null,
        email,
        category: fields.category,
        errorCode: fields.errorCode,
        deviceModel: fields.deviceModel,
        occurredAtMs: fields.occurredAtMs,
        locale: input.locale,
        status,
        filedIp: input.ip,
        confirmTokenHash: confirmToken ? sha256Hex(confirmToken) : null,
        confirmExpiresAtMs: confirmToken ? now + ttlHours * 3_600_000 : null,
        nowMs: now,
        dueAtMs,
      });
      await insertTicketMessage(trx, { id: messageId, ticketId: id, author: 'requester', authorEmail: email, body: fields.description, atMs: now });
      await insertTicketFiles(trx, files);
      await insertTicketEvent(trx, { id: deps.newId(), ticketId: id, atMs: now, from: null, to: status, actor: 'requester' });
    }),
  );
  if (confirmToken) {
    const link = `${deps.config.publicUrl}/support/tickets/confirm?token=${encodeURIComponent(confirmToken)}`;
    await deps.mailer.send(
      renderMail(email, ticketConfirmationMail(input.locale, { ticketId: id, category: fields.category, link, token: confirmToken, ttlHours })),
    );
  }
  return { id, status, dueAtMs };
}

export interface ConfirmedTicket {
  id: string;
  status: 'open';
  accessToken: string;
  dueAtMs: number;
}

/** Uses a confirmation link: 4014 when unknown, used or expired. */
export async function confirmTicket(deps: Pick<Deps, 'db' | 'clock' | 'newId' | 'config' | 'keys'>, token: string): Promise<ConfirmedTicket> {
  const tokenHash = sha256Hex(token);
  const found = await findTicketByConfirmToken(deps.db, tokenHash);
  if (!found) throw new AppError('INVALID_OR_EXPIRED_CODE');
  const account = await findAccountByEmail(deps.db, found.email);
  const now = deps.clock.nowMs();
  const accessToken = ticketAccessToken(deps.keys.ticketAccess, found.id, now);
  const dueAtMs = addWorkingDays(now, deps.config.support.responseWorkingDays);
  return deps.db.transaction().execute(async (trx) => {
    const opened = await consumeConfirmToken(trx, {
      id: found.id,
      tokenHash,
      accessTokenHash: sha256Hex(accessToken),
      // Only a verified account is linked: an unverified one may be someone else's squatting attempt.
      accountId: account?.email_verified_at != null ? account.id : null,
      nowMs: now,
      dueAtMs,
    });
    if (!opened) throw new AppError('INVALID_OR_EXPIRED_CODE');
    await insertTicketEvent(trx, { id: deps.newId(), ticketId: found.id, atMs: now, from: 'awaiting_confirmation', to: 'open', actor: 'requester' });
    return { id: found.id, status: 'open' as const, accessToken, dueAtMs };
  });
}

export function hashAccessToken(token: string): string | null {
  return token.startsWith(ACCESS_TOKEN_PREFIX) && token.length <= 128 ? sha256Hex(token) : null;
}
