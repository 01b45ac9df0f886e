/**
 * Recovery in the browser: "forgot password" from the sign-in page (an unknown address gets the
 * same answer), the mailed reset link with the authenticator asked for in the page, sign-in with
 * the new password while the old one is refused (4000) and the used link explained (4014); then the
 * mailed links that work without signing in: the cancel link of a 2FA reset that support scheduled,
 * and the "disable my account" link of a security notice.
 *
 * No waiting for TOTP steps: the authenticator is turned on with the previous step's code, so the
 * current step's code is fresh for the reset, and the sign-in after it uses a backup code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PASSWORD,
  type StaffMember,
  bearerLogin,
  call,
  createStaff,
  fileConfirmedTicket,
  mailedLink,
  outbox,
  staffBearerLogin,
  totpCode,
  registerVerified,
} from './support/api.js';
import { type TestBrowser, type TestPage, axeViolations, launchBrowser, cleanUpAfterSuite, screenshotBoth } from './support/browser.js';
import { type TestServer, startServer } from './support/server.js';

const USER = 'forgetful@example.com';
const UNKNOWN = 'nobody-here@example.com';
const NEW_PASSWORD = 'a brand new passphrase 2025';

describe('recovery in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let tab: TestPage;
  let staff: StaffMember;
  let secret = '';
  let backupCodes: string[] = [];
  let resetLink = '';

  beforeAll(async () => {
    server = await startServer();
    staff = await createStaff(server, 'desk@example.com', 'support');
    await registerVerified(server.baseUrl, USER);
    const auth = await bearerLogin(server.baseUrl, USER);
    const setup = await call(server.baseUrl, 'POST', '/api/v1/account/2fa/totp/setup', { password: PASSWORD }, auth);
    secret = setup.body.secret;
    // The previous step's code (accepted as a neighbour): the current step's stays unused for the reset.
    const enabled = await call(server.baseUrl, 'POST', '/api/v1/account/2fa/totp/enable', { code: totpCode(secret, -30).code }, auth);
    expect(enabled.status).toBe(200);
    backupCodes = enabled.body.backupCodes;
    browser = await launchBrowser();
    tab = await browser.newPage();
  });

  cleanUpAfterSuite(() => ({ server, browser, pages: [tab] }));

  it('asks for a reset link from the sign-in page, with the same answer for an unknown address', async () => {
    const { page } = tab;
    const answerFor = async (email: string) => {
      await page.goto(`${server.baseUrl}/login`);
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
      await page.getByLabel('Email').fill(email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      const notice = page.locator('.notice-success');
      await notice.getByText('Check your mail').waitFor();
      return ((await notice.textContent()) ?? '').replace(email, '<address>');
    };
    const unknown = await answerFor(UNKNOWN);
    expect(await axeViolations(page)).toEqual([]);
    const known = await answerFor(USER);
    expect(unknown).toBe(known);
    expect(known).toContain('If <address> has a Gatehouse account, a reset link is on its way.');
    expect(await outbox(server.baseUrl, UNKNOWN)).toEqual([]);
    resetLink = await mailedLink(server.baseUrl, USER, '/reset-password');
  });

  it('opens the mailed link, takes the new password, and asks for the authenticator code in the page', async () => {
    const { page } = tab;
    await page.goto(resetLink);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'reset-password-2fa', async (p) => {
      await p.getByRole('textbox', { name: 'Authenticator app' }).waitFor();
    });

    await page.getByRole('textbox', { name: 'Authenticator app' }).fill(totpCode(secret).code);
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/login/2fa');
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    expect(await (await answered).json()).toEqual({ status: 'password_reset' });
    await page.getByText('Your password is changed').waitFor();
    await page.getByText('Every session was signed out.', { exact: false }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('refuses the old password with the 4000 explanation, and signs in with the new one', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Sign in with the new password' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByLabel('Email').fill(USER);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const refused = page.locator('.error-notice[data-code="4000"]');
    await refused.locator('.error-help').waitFor();
    const entry = (await call(server.baseUrl, 'GET', '/api/v1/errors/4000')).body;
    expect(await refused.textContent()).toContain(entry.title);

    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
    await page.getByLabel('Backup code').check();
    await page.getByRole('textbox', { name: 'Backup code' }).fill(backupCodes[0]!);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByRole('heading', { name: 'Security center', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
  });

  it('explains a reused reset link with 4014', async () => {
    const { page } = tab;
    await page.goto(resetLink);
    await page.getByLabel('New password', { exact: true }).fill(`${NEW_PASSWORD} again`);
    await page.getByLabel('Repeat the new password').fill(`${NEW_PASSWORD} again`);
    await page.getByRole('button', { name: 'Set new password' }).click();
    const notice = page.locator('.error-notice[data-code="4014"]');
    await notice.locator('.error-help').waitFor();
    const entry = (await call(server.baseUrl, 'GET', '/api/v1/errors/4014')).body;
    expect(await notice.textContent()).toContain(entry.title);
    expect(await notice.textContent()).toContain(entry.meaning);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'error-4014-reset-link', async (p) => {
      await p.locator('.error-notice[data-code="4014"] .error-help').waitFor();
    });
    await page.getByRole('link', { name: 'Ask for a new link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
  });

  it('stops a 2FA reset that support scheduled, from the mailed cancel link, without signing in', async () => {
    const ticket = await fileConfirmedTicket(server.baseUrl, {
      email: USER,
      category: 'reset_2fa',
      description: 'I lost my phone with the authenticator app.',
    });
    const staffAuth = await staffBearerLogin(server.baseUrl, staff);
    const resolved = await call(
      server.baseUrl,
      'POST',
      `/api/v1/admin/tickets/${ticket.id}/resolve`,
      { action: 'reset_2fa', identityVerified: true, note: 'ID and selfie checked' },
      staffAuth,
    );
    expect(resolved.status).toBe(200);
    expect(resolved.body.twoFactorReset).not.toBeNull();

    const { page } = tab;
    await page.goto(await mailedLink(server.baseUrl, USER, '/cancel-2fa-reset'));
    await page.getByRole('heading', { level: 1, name: 'Stop the two-step verification reset' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Stop the reset' }).click();
    await page.getByText('The reset is cancelled').waitFor();
    await page.getByText('Your authenticator app and backup codes stay as they are.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'cancel-2fa-reset', async (p) => {
      await p.getByText('The reset is cancelled').waitFor();
    });
    const context = await call(server.baseUrl, 'GET', `/api/v1/admin/tickets/${ticket.id}`, undefined, staffAuth);
    expect(context.body.twoFactorResets.map((r: { status: string }) => r.status)).toEqual(['cancelled']);
    expect(context.body.twoFactor.totp).toBe(true);
    expect((await outbox(server.baseUrl, USER)).map((m) => m.subject)).toContain('The reset of your two-factor authentication was cancelled');
  });

  it('disables the account from the security notice link after a confirmation; signing in then meets 4002', async () => {
    const { page } = tab;
    const notice = (await outbox(server.baseUrl, USER)).find((m) => m.text.includes('/disable-account?token='));
    expect(notice).toBeDefined();
    await page.goto(await mailedLink(server.baseUrl, USER, '/disable-account'));
    await page.getByRole('heading', { level: 1, name: 'Disable your account' }).waitFor();
    const disable = page.getByRole('button', { name: 'Disable account' });
    expect(await disable.isDisabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('I understand. Disable my account now.').check();
    await disable.click();
    await page.getByText('Your account is disabled').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'disable-account-done', async (p) => {
      await p.getByText('Your account is disabled').waitFor();
    });

    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email').fill(USER);
    await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('.error-notice[data-code="4002"]').waitFor();
    expect(tab.errors()).toEqual([]);
  });
});
