/**
 * Debian's chromium driven by playwright-core (no browser download): a fresh profile per test
 * file, console errors collected per page, screenshots at desktop and phone width, axe checks.
 * @axe-core/playwright (MPL-2.0) is a test tool only: it is a devDependency and never shipped.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, afterEach } from 'vitest';
import { type StaffMember, totpCode } from './api.js';
import { ROOT } from './server.js';

export const CHROMIUM = process.env.GATEHOUSE_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 375, height: 740 };

export interface TestBrowser {
  context: BrowserContext;
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<TestPage>;
  close(): Promise<void>;
}

export interface TestPage {
  page: Page;
  /** Console errors and page errors so far, minus the browser's own log of 4xx answers. */
  errors(): string[];
}

/** A fresh profile (its own --user-data-dir, so no cookies or storage from another run). */
export async function launchBrowser(options: { locale?: string } = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'gatehouse-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: DESKTOP,
    locale: options.locale ?? 'en-US',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  for (const blank of context.pages()) await blank.close();
  return {
    context,
    async newPage(pageOptions = {}) {
      const page = await context.newPage();
      if (pageOptions.viewport) await page.setViewportSize(pageOptions.viewport);
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        // Chromium logs every 4xx answer (a refused sign-in, the 404 page itself) as an error line:
        // those are the API answering as designed, not faults of the page.
        if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) return;
        errors.push(`${message.text()} (${message.location().url})`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      return { page, errors: () => [...errors] };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves `name`-desktop.png / `name`-phone.png (viewport only, to keep the files small). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const viewport = page.viewportSize();
  const kind = viewport && viewport.width <= PHONE.width ? 'phone' : 'desktop';
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${kind}.png`), animations: 'disabled', caret: 'hide' });
}

/** Screenshots at both widths: the page at `path`, re-opened in a phone-sized viewport too. */
export async function screenshotBoth(tp: TestPage, name: string, ready: (page: Page) => Promise<void>): Promise<void> {
  const { page } = tp;
  await page.setViewportSize(DESKTOP);
  await ready(page);
  await screenshot(page, name);
  await page.setViewportSize(PHONE);
  await ready(page);
  await screenshot(page, name);
  await page.setViewportSize(DESKTOP);
}

/** Serious and critical axe violations on the current page, as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** On a failure: a screenshot and the page's text under the OS temp dir, named in the output. */
export async function saveFailure(tp: TestPage | undefined, testName: string): Promise<void> {
  if (!tp) return;
  const file = join(tmpdir(), `gatehouse-e2e-${testName.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`);
  try {
    await tp.page.screenshot({ path: file, fullPage: true });
    console.error(`failure screenshot: ${file}\nurl: ${tp.page.url()}\nconsole errors: ${JSON.stringify(tp.errors())}`);
  } catch {
    // the page is gone; nothing to save
  }
}

/**
 * Signs a staff member in at /admin/login with the password and the current TOTP code, and waits
 * for the console. A TOTP step is accepted once: sign each staff member in once per 30 s step.
 */
export async function signInStaff(page: Page, baseUrl: string, staff: StaffMember): Promise<void> {
  await page.goto(`${baseUrl}/admin`);
  await page.waitForURL((url) => url.pathname === '/admin/login');
  await page.getByLabel('Email').fill(staff.email);
  await page.getByLabel('Password', { exact: true }).fill(staff.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
  await page.getByRole('textbox', { name: 'Authenticator app' }).fill(totpCode(staff.secret).code);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/admin');
  await page.getByRole('heading', { level: 1, name: 'Staff console' }).waitFor();
}

/**
 * The hooks every browser suite shares: a failed test saves a screenshot of each of its pages; the
 * browser and the server stop after the last test. `handles` is read when a hook runs, so the
 * suite's own beforeAll may fill them in.
 */
export function cleanUpAfterSuite(handles: () => { server?: { stop(): Promise<void> }; browser?: TestBrowser; pages: Array<TestPage | undefined> }): void {
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const { pages } = handles();
    for (const [i, page] of pages.entries()) await saveFailure(page, i === 0 ? task.name : `${task.name} (${i + 1})`);
  });
  afterAll(async () => {
    const { browser, server } = handles();
    await browser?.close();
    await server?.stop();
  });
}
