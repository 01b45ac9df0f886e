/**
 * How the app shows refusals: 4000 with the catalog's title, meaning and numbered steps; 1003 with
 * a live countdown that keeps the button disabled (and sends nothing) until the block ends; the
 * help pages the notices link to. The server runs with a 3-failure, 15-second pair block.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, call, registerVerified } from './support/api.js';
import { type TestBrowser, type TestPage, axeViolations, launchBrowser, cleanUpAfterSuite, screenshotBoth } from './support/browser.js';
import { type TestServer, startServer } from './support/server.js';

const EMAIL = 'limited@example.com';
const BLOCK_SECONDS = 15;

describe('errors in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let tab: TestPage;

  beforeAll(async () => {
    server = await startServer({ limits: { ipAccount: { failures: 3, windowSeconds: 3600, blockSeconds: BLOCK_SECONDS } } });
    await registerVerified(server.baseUrl, EMAIL);
    browser = await launchBrowser();
    tab = await browser.newPage();
  });

  cleanUpAfterSuite(() => ({ server, browser, pages: [tab] }));

  it('explains a wrong password (4000) inline with the catalog title, meaning and numbered steps', async () => {
    const { page } = tab;
    const entry = (await call(server.baseUrl, 'GET', '/api/v1/errors/4000')).body;
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const notice = page.locator('.error-notice[data-code="4000"]');
    await notice.locator('.error-help').waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(entry.title);
    expect(text).toContain(entry.meaning);
    expect(await notice.locator('ol > li').count()).toBe(entry.steps.length);
    expect(await notice.getByRole('link', { name: 'More about error 4000' }).getAttribute('href')).toBe('/help/errors/4000');
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'error-4000', async (p) => {
      await p.locator('.error-notice[data-code="4000"] .error-help').waitFor();
    });
  });

  it('counts down a 1003 block with the button disabled, sends nothing meanwhile, then lets the user try again', async () => {
    const { page } = tab;
    const submit = page.getByRole('button', { name: /^(Sign in|Wait \d+:\d\d)$/ });
    for (let i = 0; i < 2; i++) {
      await submit.click();
      await page.locator('.error-notice[data-code="4000"]').waitFor();
    }
    await submit.click();
    const notice = page.locator('.error-notice[data-code="1003"]');
    await notice.waitFor();
    expect(await notice.getAttribute('data-reason')).toBe('account_ip_rate_limit');
    const countdown = page.getByTestId('retry-countdown');
    const first = (await countdown.textContent()) ?? '';
    expect(first).toMatch(/^0:(0\d|1[0-5])$/);
    expect(await submit.isDisabled()).toBe(true);
    expect(await submit.textContent()).toMatch(/^Wait 0:\d\d$/);

    let loginRequests = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/auth/login')) loginRequests++;
    });
    await submit.click({ force: true });
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(first);
    expect(loginRequests).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'error-1003', async (p) => {
      await p.getByTestId('retry-countdown').waitFor();
    });

    await page.getByText('You can try again now.').waitFor({ timeout: (BLOCK_SECONDS + 5) * 1000 });
    expect(await submit.isEnabled()).toBe(true);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Security center', level: 1 }).waitFor();
    expect(loginRequests).toBe(1);
  });

  it('opens the help page a notice links to, with steps, reasons and FAQ, signed out and deep-linked', async () => {
    const { page } = tab;
    await page.goto(`${server.baseUrl}/help/errors/1003`);
    await page.getByRole('heading', { level: 1, name: /1003/ }).waitFor();
    expect(await page.locator('.steps li').count()).toBeGreaterThanOrEqual(3);
    await page.locator('#reason-account_ip_rate_limit').waitFor();
    expect(await page.locator('details.faq').count()).toBeGreaterThanOrEqual(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'help-1003', async (p) => {
      await p.locator('.steps li').first().waitFor();
    });
    await page.goto(`${server.baseUrl}/help/errors`);
    await page.getByRole('link', { name: /4002/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'help-center', async (p) => {
      await p.getByRole('link', { name: /4002/ }).waitFor();
    });
    expect(tab.errors()).toEqual([]);
  });
});
