/**
 * Serves the built web app (web/, built by Vite into dist/web) from the API's own server.
 *
 * - `/assets/*`: hashed file names, so they are cached for a year and marked immutable.
 * - A page path of the app (PAGE_PATTERNS, the same list as the app's route table in
 *   web/src/routes.ts; test/web-app.test.ts keeps the two equal) answers index.html with 200.
 * - Any other GET outside the API asked for by a browser (Accept: text/html) answers index.html with
 *   404, so the app shows its own "not found" page; everything else, and every unknown `/api/...`
 *   path, keeps answering the JSON 4013 envelope.
 * index.html is kept in memory and read again when its modification time changes (a new build while
 * the server runs), and browsers never cache it, so a new build is picked up on the next page load.
 * Without a build (tests, `npm run dev` before `npm run build`) nothing is
 * registered and every unknown path answers 4013, as before.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './types.js';

/** Page paths the app renders; `:name` is one path segment. Keep equal to web/src/routes.ts. */
export const PAGE_PATTERNS: readonly string[] = [
  '/',
  '/login',
  '/register',
  '/forgot-password',
  '/reset-password',
  '/confirm-device',
  '/disable-account',
  '/cancel-2fa-reset',
  '/support/new',
  '/support/tickets/confirm',
  '/support/tickets/:id',
  '/help',
  '/help/errors',
  '/help/errors/:code',
  '/account',
  '/account/two-factor',
  '/account/activity',
  '/account/devices',
  '/account/api-keys',
  '/account/password',
  '/account/disable',
  '/admin',
  '/admin/login',
  '/admin/accounts',
  '/admin/accounts/:id',
  '/admin/maintenance',
  '/admin/region-policy',
  '/admin/audit',
  '/admin/tickets',
  '/admin/tickets/:id',
  '/dev/mailbox',
];

const PAGE_REGEXES = PAGE_PATTERNS.map((pattern) => new RegExp(`^${pattern.replace(/:\w+/g, '[^/]+')}$`));

/** Where `npm run build` puts the app: <package root>/dist/web, from src/http or dist/http alike. */
export function defaultWebRoot(): string {
  return fileURLToPath(new URL('../../dist/web/', import.meta.url));
}

/** Paths that belong to the API and operations, never to the app. */
const API_PREFIXES = ['/api/', '/health/', '/metrics'];

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

function wantsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}

/** Registers the app's routes; returns false (and registers nothing) when there is no build. */
export async function registerWebApp(app: App, webRoot: string = defaultWebRoot()): Promise<boolean> {
  const indexPath = join(webRoot, 'index.html');
  if (!existsSync(indexPath)) return false;
  let index = { mtimeMs: 0, html: readFileSync(indexPath) };
  index.mtimeMs = (await stat(indexPath)).mtimeMs;
  const currentIndex = async (): Promise<Buffer> => {
    try {
      const { mtimeMs } = await stat(indexPath);
      if (mtimeMs !== index.mtimeMs) index = { mtimeMs, html: await readFile(indexPath) };
    } catch {
      // mid-rebuild: keep serving the last good copy
    }
    return index.html;
  };

  const sendIndex = async (reply: FastifyReply, status: number) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(await currentIndex());

  const assets = join(webRoot, 'assets');
  if (existsSync(assets)) {
    await app.register(fastifyStatic, {
      root: assets,
      prefix: '/assets/',
      wildcard: true,
      index: false,
      dotfiles: 'deny',
      immutable: true,
      maxAge: ONE_YEAR_SECONDS * 1000,
      // Hashed names never change content; no validators needed.
      etag: false,
      lastModified: false,
    });
  }

  const hide = { schema: { hide: true } };
  for (const pattern of PAGE_PATTERNS) {
    app.get(pattern, hide, (_request, reply) => sendIndex(reply, 200));
  }
  // Unknown API paths keep the envelope; the route exists so that the maintenance gate still sees
  // an /api/ path (1100 first), exactly as for an unmatched one.
  app.get('/api/*', hide, (_request, reply) => reply.callNotFound());
  app.get('/*', hide, (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (API_PREFIXES.some((prefix) => path.startsWith(prefix)) || !wantsHtml(request)) return reply.callNotFound();
    // "/account/" is "/account": one address per page. Only to a page path, so never off-site.
    const stripped = path.replace(/\/+$/, '');
    if (stripped !== path && PAGE_REGEXES.some((re) => re.test(stripped))) {
      return reply.redirect(stripped + request.url.slice(path.length), 301);
    }
    return sendIndex(reply, 404);
  });
  return true;
}
