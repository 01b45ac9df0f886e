/**
 * The staff console in the browser: a staff member made with `gatehouse staff create` signs in with
 * the TOTP from the printed URI, finds a user who disabled their account, reads the freeze, lifts
 * it with the identity check, and looks at maintenance, the region policy (a bad edit shows the
 * server's validation) and the audit log.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type StaffMember, bearerLogin, call, createStaff, registerVerified } from './support/api.js';
import { type TestBrowser, type TestPage, axeViolations, launchBrowser, cleanUpAfterSuite, screenshotBoth, signInStaff } from './support/browser.js';
import { type TestServer, startServer } from './support/server.js';

const STAFF = 'staff@example.com';
const USER = 'frozen-user@example.com';

describe('the staff console', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let tab: TestPage;
  let staff: StaffMember;

  beforeAll(async () => {
    server = await startServer();
    staff = await createStaff(server, STAFF, 'admin');
    await registerVerified(server.baseUrl, USER);
    const auth = await bearerLogin(server.baseUrl, USER);
    const disabled = await call(server.baseUrl, 'POST', '/api/v1/account/disable', { password: PASSWORD }, auth);
    expect(disabled.status).toBe(200);
    browser = await launchBrowser();
    tab = await browser.newPage();
  });

  cleanUpAfterSuite(() => ({ server, browser, pages: [tab] }));

  it('signs a staff member in with password and TOTP', async () => {
    const { page } = tab;
    expect(staff.password.length).toBeGreaterThan(10);
    await signInStaff(page, server.baseUrl, staff);
    await page.getByText(`Signed in as ${STAFF} (admin)`).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('shows the frozen user a 4002 with "Contact support", which opens the ticket form filled in', async () => {
    const { page } = tab;
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email').fill(USER);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const notice = page.locator('.error-notice[data-code="4002"]');
    await notice.locator('.error-help').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'error-4002', async (p) => {
      await p.locator('.error-notice[data-code="4002"] .error-help').waitFor();
    });
    await notice.getByRole('link', { name: 'Contact support' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contact support' }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/support/new');
    expect(url.searchParams.get('category')).toBe('account_frozen');
    expect(await page.getByLabel('Your account email').inputValue()).toBe(USER);
    expect(await page.getByLabel('What is it about?').inputValue()).toBe('account_frozen');
    expect(await page.getByLabel('Error code (if any)').inputValue()).toBe('4002');
    expect(await page.getByLabel('When did it happen?').inputValue()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    expect(await page.getByLabel('Device').inputValue()).toMatch(/Chrome/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'support-new', async (p) => {
      await p.getByLabel('Your account email').waitFor();
    });
  });

  it('finds the disabled account, reads the freeze and unfreezes it with the identity check', async () => {
    const { page } = tab;
    await page.goto(`${server.baseUrl}/admin`);
    await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Accounts' }).click();
    await page.getByLabel('Email address').fill(USER);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByRole('link', { name: USER }).click();
    const state = page.getByTestId('account-state');
    await state.getByText('Frozen').waitFor();
    expect(await state.textContent()).toContain('type self');
    await page.getByRole('heading', { name: 'Sign-in history' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'admin-account', async (p) => {
      await p.getByTestId('account-state').waitFor();
    });

    await page.getByLabel('Why it is safe to unfreeze (for the audit log)').fill('Owner confirmed by video call');
    await page.getByLabel('I verified the owner’s identity').check();
    await page.getByRole('button', { name: 'Unfreeze account' }).click();
    await state.getByText('Active').waitFor();
    await page.getByText('The account is active again.').waitFor();

    const login = await call(server.baseUrl, 'POST', '/api/v1/auth/login', { email: USER, password: PASSWORD, deviceId: 'e2e-api-client-1' });
    expect(login.status).toBe(200);
    expect(login.body.status).toBe('ok');
  });

  it('shows maintenance, validates a region policy edit through the server, and lists the audit log', async () => {
    const { page } = tab;
    const nav = page.getByRole('navigation', { name: 'Staff console' });
    await nav.getByRole('link', { name: 'Maintenance' }).click();
    await page.getByTestId('maintenance-state').getByText('Off').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await nav.getByRole('link', { name: 'Region policy' }).click();
    const editor = page.getByLabel('Policy (JSON)');
    await expect.poll(async () => (await editor.inputValue()).length).toBeGreaterThan(10);
    const policy = JSON.parse(await editor.inputValue());
    expect(Array.isArray(policy.rules)).toBe(true);
    await editor.fill('{"rules": [');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText(/^Not valid JSON:/).waitFor();
    await editor.fill(JSON.stringify({ ...policy, rules: [{ ipCountry: 'USA', kycCountry: '*', action: 'deny' }] }, null, 2));
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.locator('#policy-problems code', { hasText: 'rules.0.ipCountry' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'admin-region-policy', async (p) => {
      await p.locator('#policy-problems code').first().waitFor();
    });

    await nav.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'account.unfreeze' }).waitFor();
    await page.getByRole('cell', { name: 'staff.create' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'admin-audit', async (p) => {
      await p.getByRole('cell', { name: 'account.unfreeze' }).waitFor();
    });
    expect(tab.errors()).toEqual([]);
  });
});
