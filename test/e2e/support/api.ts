/** Direct API calls the browser tests use to set the scene (bearer tokens, the dev outbox). */
import * as OTPAuth from 'otpauth';

export const PASSWORD = 'correct horse battery staple 42';

export interface Answer {
  status: number;
  body: any;
}

export async function call(baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export interface Mail {
  to: string;
  channel: string;
  subject: string;
  text: string;
  createdAt: string;
}

export async function outbox(baseUrl: string, to: string): Promise<Mail[]> {
  return (await call(baseUrl, 'GET', `/api/v1/dev/outbox?to=${encodeURIComponent(to)}`)).body as Mail[];
}

export async function latestCode(baseUrl: string, to: string): Promise<string> {
  for (const mail of await outbox(baseUrl, to)) {
    const match = /\b(\d{6})\b/.exec(mail.text);
    if (match?.[1]) return match[1];
  }
  throw new Error(`no code mailed to ${to}`);
}

export async function registerVerified(baseUrl: string, email: string, password = PASSWORD): Promise<void> {
  const registered = await call(baseUrl, 'POST', '/api/v1/auth/register', { email, password });
  if (registered.status !== 202) throw new Error(`register: ${JSON.stringify(registered.body)}`);
  const verified = await call(baseUrl, 'POST', '/api/v1/auth/register/verify', { email, code: await latestCode(baseUrl, email) });
  if (verified.status !== 200) throw new Error(`verify: ${JSON.stringify(verified.body)}`);
}

/** A bearer session for `email` (no second factor on the account). */
export async function bearerLogin(baseUrl: string, email: string, password = PASSWORD, headers: Record<string, string> = {}): Promise<Record<string, string>> {
  const answer = await call(baseUrl, 'POST', '/api/v1/auth/login', { email, password, deviceId: 'e2e-api-client-1' }, headers);
  if (answer.status !== 200 || answer.body.status !== 'ok') throw new Error(`login: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { authorization: `Bearer ${answer.body.session.token}` };
}

export function totp(secret: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, '')), algorithm: 'SHA1', digits: 6, period: 30 });
}

/** The code for `offsetSeconds` from now, and the 30 s step it belongs to. */
export function totpCode(secret: string, offsetSeconds = 0): { code: string; step: number } {
  const at = Date.now() + offsetSeconds * 1000;
  return { code: totp(secret).generate({ timestamp: at }), step: Math.floor(at / 30_000) };
}

/**
 * Waits (at most one 30 s step) until the TOTP step is past `usedStep`, so a fresh code exists;
 * `offsetSeconds` plays a phone whose clock is that far off.
 */
export async function freshTotpCode(secret: string, usedStep: number, offsetSeconds = 0): Promise<{ code: string; step: number }> {
  for (;;) {
    const now = totpCode(secret, offsetSeconds);
    if (now.step > usedStep) return now;
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 50));
  }
}

/** The secret in an otpauth:// URI. */
export function secretFromUri(uri: string): string {
  const secret = new URL(uri).searchParams.get('secret');
  if (!secret) throw new Error(`no secret in ${uri}`);
  return secret;
}

/** The newest link to `path` (e.g. '/support/tickets/confirm') mailed to `to`. */
export async function mailedLink(baseUrl: string, to: string, path: string): Promise<string> {
  for (const mail of await outbox(baseUrl, to)) {
    for (const match of mail.text.matchAll(/https?:\/\/[^\s<>"')]+/g)) {
      const url = new URL(match[0].replace(/[.,;:]+$/, ''));
      if (url.pathname === path) return url.href;
    }
  }
  throw new Error(`no ${path} link mailed to ${to}`);
}

export interface StaffMember {
  email: string;
  password: string;
  secret: string;
}

/** A staff member made the operator's way (`gatehouse staff create`), with the printed password and TOTP secret. */
export async function createStaff(server: { cli(args: string[]): Promise<string> }, email: string, role: 'support' | 'admin'): Promise<StaffMember> {
  const printed = await server.cli(['staff', 'create', '--email', email, '--role', role]);
  const password = /initial password: (\S+)/.exec(printed)?.[1] ?? '';
  const uri = /(otpauth:\/\/\S+)/.exec(printed)?.[1];
  if (!password || !uri) throw new Error(`staff create printed no credentials:\n${printed}`);
  return { email, password, secret: secretFromUri(uri) };
}

/** A staff bearer session, answering the second factor with the current TOTP code (use once per 30 s step). */
export async function staffBearerLogin(baseUrl: string, staff: StaffMember): Promise<Record<string, string>> {
  const login = await call(baseUrl, 'POST', '/api/v1/admin/login', { email: staff.email, password: staff.password, deviceId: 'e2e-staff-client-1' });
  if (login.body?.status !== '2fa_required') throw new Error(`staff login: ${login.status} ${JSON.stringify(login.body)}`);
  const answer = await call(baseUrl, 'POST', '/api/v1/admin/login/2fa', {
    challengeId: login.body.challenge.id,
    method: 'totp',
    code: totpCode(staff.secret).code,
  });
  if (answer.status !== 200 || answer.body.status !== 'ok') throw new Error(`staff 2fa: ${answer.status} ${JSON.stringify(answer.body)}`);
  return { authorization: `Bearer ${answer.body.session.token}` };
}

/** Files a ticket without signing in (multipart, as the form does) and confirms it with the mailed link's token. */
export async function fileConfirmedTicket(
  baseUrl: string,
  fields: { email: string; category: string; description: string },
): Promise<{ id: string; accessToken: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const filed = await fetch(`${baseUrl}/api/v1/tickets`, { method: 'POST', body: form });
  if (filed.status !== 201) throw new Error(`file ticket: ${filed.status} ${await filed.text()}`);
  const token = new URL(await mailedLink(baseUrl, fields.email, '/support/tickets/confirm')).searchParams.get('token');
  const confirmed = await call(baseUrl, 'POST', '/api/v1/tickets/confirm', { token });
  if (confirmed.status !== 200) throw new Error(`confirm ticket: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
  return { id: confirmed.body.id, accessToken: confirmed.body.accessToken };
}
