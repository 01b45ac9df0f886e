/**
 * The web app as the server serves it (src/http/web-app.ts), against a small stand-in build: page
 * paths answer index.html, unknown pages answer it with 404 for browsers, the API keeps its JSON
 * envelope, assets are cached for a year, and the page CSP allows no inline code.
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { PAGE_PATTERNS } from '../src/http/web-app.js';
import type { App } from '../src/http/types.js';
import { ROUTES, matchRoute } from '../web/src/routes.js';
import { sqliteBackend } from './support/backends.js';
import { createHarness, json } from './support/harness.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head><body><div id="root"></div></body></html>';
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'assets', 'app-abc123.js'), 'console.log("app");');
  return root;
}

const apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

async function webApp(webRoot = fakeBuild()) {
  const h = await createHarness(sqliteBackend());
  const { app, maintenance } = await buildApp(h.deps, { webRoot });
  apps.push(app);
  return { app, maintenance };
}

describe('the web app, served by the API server', () => {
  it('lists the same page paths as the app route table', () => {
    expect([...PAGE_PATTERNS].sort()).toEqual([...new Set(ROUTES.map((r) => r.pattern))].sort());
  });

  it('answers index.html for every page path, deep links and query strings included, never cached', async () => {
    const { app } = await webApp();
    for (const pattern of PAGE_PATTERNS) {
      const url = `${pattern.replace(':code', '4003').replace(':id', '01KAW4WZ9D3N8Q2R5T7V1X4Y6Z')}?token=abc`;
      const response = await app.inject({ method: 'GET', url, headers: HTML });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toBe(INDEX);
      expect(matchRoute(url), url).not.toBeNull();
    }
  });

  it('gives browsers the app (status 404) for unknown pages, and API clients the 4013 envelope', async () => {
    const { app } = await webApp();
    const page = await app.inject({ method: 'GET', url: '/no/such/page', headers: HTML });
    expect(page.statusCode).toBe(404);
    expect(page.body).toBe(INDEX);
    expect(matchRoute('/no/such/page')).toBeNull();

    const plain = await app.inject({ method: 'GET', url: '/no/such/page' });
    expect(plain.statusCode).toBe(404);
    expect(json(plain).code).toBe(4013);

    for (const url of ['/api/v1/nope', '/api/nope', '/health/nope']) {
      const api = await app.inject({ method: 'GET', url, headers: HTML });
      expect(api.statusCode, url).toBe(404);
      expect(api.headers['content-type'], url).toMatch(/^application\/json/);
      expect(json(api)).toMatchObject({ code: 4013, help: '/help/errors/4013' });
    }
    const post = await app.inject({ method: 'POST', url: '/login', headers: { ...HTML, 'content-type': 'application/json' }, payload: '{}' });
    expect(json(post).code).toBe(4013);
  });

  it('serves hashed assets with a one-year immutable cache; a missing asset is 4013, not the page', async () => {
    const { app } = await webApp();
    const asset = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const missing = await app.inject({ method: 'GET', url: '/assets/missing-123.js', headers: HTML });
    expect(missing.statusCode).toBe(404);
    expect(json(missing).code).toBe(4013);
    const traversal = await app.inject({ method: 'GET', url: '/assets/..%2f..%2fpackage.json' });
    expect(traversal.statusCode).toBeGreaterThanOrEqual(400);
    expect(traversal.body).not.toContain('"dependencies"');
  });

  it('sends pages with a CSP that allows no inline script or style, and the API with one that allows nothing', async () => {
    const { app } = await webApp();
    const page = await app.inject({ method: 'GET', url: '/login', headers: HTML });
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const api = await app.inject({ method: 'GET', url: '/api/v1/errors/4000' });
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('redirects a trailing slash to the page, and never off the site', async () => {
    const { app } = await webApp();
    const slash = await app.inject({ method: 'GET', url: '/account/?x=1', headers: HTML });
    expect(slash.statusCode).toBe(301);
    expect(slash.headers.location).toBe('/account?x=1');
    for (const url of ['//evil.example/', '/%5Cevil.example/', '/\\evil.example/']) {
      const response = await app.inject({ method: 'GET', url, headers: HTML });
      expect(response.headers.location, url).toBeUndefined();
    }
  });

  it('keeps pages up during maintenance (they show the notice), while unknown API paths still answer 1100', async () => {
    const { app, maintenance } = await webApp();
    await maintenance.set({ enabled: true, message: 'upgrade', untilMs: null });
    expect((await app.inject({ method: 'GET', url: '/login', headers: HTML })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/assets/app-abc123.js' })).statusCode).toBe(200);
    const api = await app.inject({ method: 'GET', url: '/api/v1/nope', headers: HTML });
    expect(json(api).code).toBe(1100);
  });

  it('serves a new build of index.html without a restart', async () => {
    const root = fakeBuild();
    const { app } = await webApp(root);
    expect((await app.inject({ method: 'GET', url: '/', headers: HTML })).body).toBe(INDEX);
    const rebuilt = INDEX.replace('app-abc123', 'app-def456');
    writeFileSync(join(root, 'index.html'), rebuilt);
    utimesSync(join(root, 'index.html'), new Date(), new Date(Date.now() + 5000));
    expect((await app.inject({ method: 'GET', url: '/login', headers: HTML })).body).toBe(rebuilt);
  });

  it('registers nothing without a build: every unknown path keeps the envelope', async () => {
    const { app } = await webApp(mkdtempSync(join(tmpdir(), 'gatehouse-no-web-')));
    const response = await app.inject({ method: 'GET', url: '/login', headers: HTML });
    expect(response.statusCode).toBe(404);
    expect(json(response).code).toBe(4013);
  });
});
