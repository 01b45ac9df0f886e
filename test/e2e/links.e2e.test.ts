/**
 * Every link the server hands out opens a page of the app, not its "not found" page: the `help`
 * path of every catalog code and of the envelopes met here, the `ticketHint`s, and every link in
 * the mails sent on the way (dev outbox). Also the device-confirmation wait: a browser sign-in
 * stopped for approval continues by itself once the mailed link is used in another tab.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../web/src/routes.js';
import { type Answer, PASSWORD, bearerLogin, call, outbox, registerVerified, totpCode } from './support/api.js';
import { type TestBrowser, type TestPage, launchBrowser, cleanUpAfterSuite, screenshotBoth } from './support/browser.js';
import { type TestServer, startServer } from './support/server.js';

const ATTACKED = 'attacked@example.com';
const BACKUP = 'backup-user@example.com';
const FROZEN = 'self-frozen@example.com';

describe('links the server hands out', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let tab: TestPage;
  const emitted = new Set<string>();
  const addresses = new Set<string>();

  /** Keeps the help path and ticket hint of an error answer. */
  const collect = (answer: Answer) => {
    if (answer.status >= 400 && answer.body) {
      if (typeof answer.body.help === 'string') emitted.add(answer.body.help);
      if (typeof answer.body.details?.ticketHint === 'string') emitted.add(answer.body.details.ticketHint);
    }
    return answer;
  };

  beforeAll(async () => {
    // A low account ceiling: three failures put an account "under attack", so a new device needs
    // an emailed approval. The proxy is trusted so the test can fail from other networks; no send
    // cooldown, so a second registration of an address mails its notice at once.
    server = await startServer({
      trustProxy: ['127.0.0.1'],
      limits: { account: { failures: 3, windowSeconds: 3600, confirmDevicesForSeconds: 3600 }, sendCooldownSeconds: 0 },
    });
    browser = await launchBrowser();
    tab = await browser.newPage();
  });

  cleanUpAfterSuite(() => ({ server, browser, pages: [tab] }));

  it('a sign-in waiting for device approval continues by itself once the mailed link is approved', async () => {
    addresses.add(ATTACKED);
    await registerVerified(server.baseUrl, ATTACKED);
    for (let i = 0; i < 3; i++) {
      collect(
        await call(
          server.baseUrl,
          'POST',
          '/api/v1/auth/login',
          { email: ATTACKED, password: 'wrong password number' },
          { 'x-forwarded-for': `198.51.100.${i + 1}` },
        ),
      );
    }
    const { page } = tab;
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email').fill(ATTACKED);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByTestId('device-wait').waitFor();
    await page.getByText(/Waiting for approval/).waitFor();
    await screenshotBoth(tab, 'device-confirmation', async (p) => {
      await p.getByTestId('device-wait').waitFor();
    });

    const mail = (await outbox(server.baseUrl, ATTACKED)).find((m) => m.text.includes('/confirm-device?token='));
    const link = /(https?:\/\/\S+\/confirm-device\?token=\S+)/.exec(mail?.text ?? '')?.[1];
    expect(link).toBeDefined();
    const approve = await browser.newPage();
    await approve.page.goto(link!);
    await approve.page.getByRole('button', { name: 'Yes, approve this sign-in' }).click();
    await approve.page.getByText('Sign-in approved').waitFor();
    expect(approve.errors()).toEqual([]);
    await approve.page.close();

    await page.getByRole('heading', { name: 'Security center', level: 1 }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
  });

  it('gathers the links of answers and mails: help paths, ticket hints, security notices', async () => {
    const base = server.baseUrl;
    // An envelope's help path is /help/errors/{code}, for every code of the catalog.
    for (const entry of (await call(base, 'GET', '/api/v1/errors')).body as { code: number }[]) emitted.add(`/help/errors/${entry.code}`);
    collect(await call(base, 'GET', '/api/v1/nope'));
    collect(await call(base, 'POST', '/api/v1/auth/login', { email: 'nobody@example.com', password: 'wrong password here' }));
    collect(await call(base, 'POST', '/api/v1/auth/login', { email: 'not an email' }));

    // An account that disabled itself: 4002 with a ticket hint.
    addresses.add(FROZEN);
    await registerVerified(base, FROZEN);
    collect(await call(base, 'POST', '/api/v1/auth/register', { email: FROZEN, password: PASSWORD })); // "already registered" notice
    const frozenAuth = await bearerLogin(base, FROZEN);
    collect(await call(base, 'POST', '/api/v1/account/password', { currentPassword: PASSWORD, newPassword: `${PASSWORD} new` }, frozenAuth));
    collect(await call(base, 'POST', '/api/v1/account/disable', { password: `${PASSWORD} new` }, frozenAuth));
    const frozen = collect(await call(base, 'POST', '/api/v1/auth/login', { email: FROZEN, password: `${PASSWORD} new` }));
    expect(frozen.body.code).toBe(4002);

    // An account that used all 8 backup codes: 4003 backup_codes_exhausted with a ticket hint.
    addresses.add(BACKUP);
    await registerVerified(base, BACKUP);
    const auth = await bearerLogin(base, BACKUP);
    const setup = collect(await call(base, 'POST', '/api/v1/account/2fa/totp/setup', { password: PASSWORD }, auth));
    const enabled = collect(await call(base, 'POST', '/api/v1/account/2fa/totp/enable', { code: totpCode(setup.body.secret).code }, auth));
    const backupCodes = enabled.body.backupCodes as string[];
    expect(backupCodes).toHaveLength(8);
    const secondFactor = async (code: string) => {
      const login = collect(await call(base, 'POST', '/api/v1/auth/login', { email: BACKUP, password: PASSWORD, deviceId: 'e2e-api-client-1' }));
      expect(login.body.status).toBe('2fa_required');
      return collect(await call(base, 'POST', '/api/v1/auth/login/2fa', { challengeId: login.body.challenge.id, method: 'backup_code', code }));
    };
    for (const code of backupCodes) expect((await secondFactor(code)).body.status).toBe('ok');
    const exhausted = await secondFactor(backupCodes[0]!);
    expect(exhausted.body.reason).toBe('backup_codes_exhausted');

    for (const address of addresses) {
      for (const mail of await outbox(base, address)) {
        for (const match of mail.text.matchAll(/https?:\/\/[^\s<>"')]+/g)) {
          const url = new URL(match[0].replace(/[.,;:]+$/, ''));
          expect(url.origin, `a mail link points elsewhere: ${url.href}`).toBe(base);
          emitted.add(url.pathname + url.search);
        }
      }
    }
    const kinds = [...emitted].map((path) => path.replace(/\?.*$/, '').replace(/\/-?\d+$/, '/{code}'));
    for (const expected of ['/help/errors/{code}', '/support/new', '/login', '/confirm-device', '/disable-account']) expect(kinds).toContain(expected);
  });

  it('opens every one of those links, and every page of the route table, without the not-found page', async () => {
    const { page } = tab;
    const pages = ROUTES.map((r) => r.pattern.replace(':code', '4002').replace(':id', '01KAW4WZ9D3N8Q2R5T7V1X4Y6Z'));
    const all = [...new Set([...emitted, ...pages])];
    expect(all.length).toBeGreaterThan(60);
    for (const path of all) {
      const response = await page.goto(`${server.baseUrl}${path}`);
      expect(response?.status(), path).toBe(200);
      await page.locator('h1').first().waitFor();
      expect(await page.getByTestId('not-found').count(), path).toBe(0);
    }
    const unknown = await page.goto(`${server.baseUrl}/no/such/page`);
    expect(unknown?.status()).toBe(404);
    await page.getByTestId('not-found').waitFor();
    await screenshotBoth(tab, 'not-found', async (p) => {
      await p.getByTestId('not-found').waitFor();
    });
    expect(tab.errors()).toEqual([]);
  });
});
