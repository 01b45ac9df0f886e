/**
 * The app's only way to the server: the public HTTP API under /api/, with the cookie session.
 *
 * - Sign-in requests send `x-session-transport: cookie`, so the session token only ever lives in
 *   the HttpOnly `gh_session` cookie; page scripts never see it.
 * - Every state-changing request echoes the `gh_csrf` cookie in `x-csrf-token` (the server refuses
 *   a cookie-authenticated write without it, so another site cannot change anything).
 * - `Accept-Language` follows the language chosen in the app, so `msg` and the catalog match it.
 * - A failure is an ApiError carrying the server's error envelope unchanged; a network failure is
 *   an ApiError with code 0 (no envelope came back).
 */

export interface ErrorEnvelope {
  code: number;
  msg: string;
  reason?: string;
  retryAfter?: number;
  details: Record<string, unknown>;
  help: string;
  requestId: string;
}

export class ApiError extends Error {
  readonly envelope: ErrorEnvelope;
  readonly status: number;
  /** When the answer arrived (ms since epoch): countdowns start here, support tickets quote it. */
  readonly receivedAtMs: number;

  constructor(status: number, envelope: ErrorEnvelope) {
    super(`${envelope.code}${envelope.reason ? `:${envelope.reason}` : ''}`);
    this.name = 'ApiError';
    this.status = status;
    this.envelope = envelope;
    this.receivedAtMs = Date.now();
  }

  get code(): number {
    return this.envelope.code;
  }

  get reason(): string | undefined {
    return this.envelope.reason;
  }
}

export const NETWORK_ERROR_CODE = 0;

let acceptLanguage = 'en';

/** Set by the language provider; every later request asks for this language. */
export function setApiLanguage(lang: string): void {
  acceptLanguage = lang;
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return null;
}

export interface RequestOptions {
  body?: unknown;
  form?: FormData;
  /** Ask for a cookie session if this request completes a sign-in. */
  cookieSession?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': acceptLanguage, ...options.headers };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (options.cookieSession) headers['x-session-transport'] = 'cookie';
  if (method !== 'GET') {
    const csrf = readCookie('gh_csrf');
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', cache: 'no-store', signal: options.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, { code: NETWORK_ERROR_CODE, msg: '', details: {}, help: '/help/errors', requestId: '' });
  }
  if (response.status === 204) return null as T;
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const envelope = parsed as ErrorEnvelope | null;
    if (envelope && typeof envelope.code === 'number') throw new ApiError(response.status, { ...envelope, details: envelope.details ?? {} });
    throw new ApiError(response.status, { code: 1000, msg: '', details: {}, help: '/help/errors/1000', requestId: response.headers.get('x-request-id') ?? '' });
  }
  return parsed as T;
}

export const get = <T>(path: string, options?: RequestOptions) => api<T>('GET', path, options);
export const post = <T>(path: string, body?: unknown, options?: RequestOptions) => api<T>('POST', path, { ...options, body: body ?? {} });

/** retryAfter (seconds) of a failure that has one, else null. */
export function retryAfterOf(error: unknown): number | null {
  return error instanceof ApiError && typeof error.envelope.retryAfter === 'number' ? error.envelope.retryAfter : null;
}
