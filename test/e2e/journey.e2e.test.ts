/**
 * A new user, in the browser, against the real server: create an account, read the code in the dev
 * mailbox page, sign in, turn on the authenticator app (codes computed here from the secret the
 * page shows), sign out, sign in again through a clock-skew refusal, look around the security
 * center, switch to Chinese. Screenshots and axe checks of the pages on the way.
 */
import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, freshTotpCode, latestCode, totpCode } from './support/api.js';
import { type TestBrowser, type TestPage, axeViolations, launchBrowser, cleanUpAfterSuite, screenshotBoth } from './support/browser.js';
import { type TestServer, startServer } from './support/server.js';

const EMAIL = 'new-user@example.com';

describe('a new user in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let tab: TestPage;
  let secret = '';
  let enabledStep = 0;
  let backupCodes: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    tab = await browser.newPage();
  });

  cleanUpAfterSuite(() => ({ server, browser, pages: [tab] }));

  const checkA11y = async (where: string) => {
    expect(await axeViolations(tab.page), `axe on ${where}`).toEqual([]);
  };

  it('shows the sign-in page at /, with no console errors and no serious axe findings', async () => {
    const { page } = tab;
    await page.goto(`${server.baseUrl}/`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to Gatehouse');
    await checkA11y('/');
    await screenshotBoth(tab, 'sign-in', async (p) => {
      await p.getByRole('button', { name: 'Sign in' }).waitFor();
    });
  });

  it('registers, reads the code in the dev mailbox page, and verifies the email', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Create account' }).click();
    await expect.poll(() => page.url()).toBe(`${server.baseUrl}/register`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await checkA11y('/register');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();

    // The dev mailbox, as a new user would open it from the notice's link.
    const mailbox = await browser.newPage();
    await mailbox.page.goto(`${server.baseUrl}/dev/mailbox?to=${encodeURIComponent(EMAIL)}`);
    const mailText = mailbox.page.locator('.mail-text').first();
    await mailText.waitFor();
    const code = /\b(\d{6})\b/.exec((await mailText.textContent()) ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await checkA11yOn(mailbox, '/dev/mailbox');
    await screenshotBoth(mailbox, 'dev-mailbox', async (p) => {
      await p.locator('.mail-text').first().waitFor();
    });
    expect(mailbox.errors()).toEqual([]);
    await mailbox.page.close();

    await page.getByLabel('Verification code').fill(code!);
    await page.getByRole('button', { name: 'Verify email' }).click();
    await page.getByText('Your email is verified. Sign in to continue.').waitFor();
  });

  it('signs in (fields kept from registration) and lands in the security center', async () => {
    const { page } = tab;
    await expect.poll(() => page.getByLabel('Email').inputValue()).toBe(EMAIL);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Security center', level: 1 }).waitFor();
    expect(page.url()).toBe(`${server.baseUrl}/account`);
    await page.getByText('Authenticator app is off').waitFor();
    await checkA11y('/account');
    await screenshotBoth(tab, 'security-center', async (p) => {
      await p.getByText('Authenticator app is off').waitFor();
    });
  });

  it('turns on the authenticator app with the QR code and manual key, and shows the backup codes once', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Set up', exact: true }).click();
    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    const qr = page.getByRole('img', { name: 'QR code for the authenticator app' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await checkA11y('/account/two-factor (setup)');
    await screenshotBoth(tab, 'totp-setup', async (p) => {
      await p.getByRole('img', { name: 'QR code for the authenticator app' }).waitFor();
    });

    const now = totpCode(secret);
    enabledStep = now.step;
    await page.getByLabel('Enter the 6-digit code the app shows').fill(now.code);
    await page.getByRole('button', { name: 'Turn on', exact: true }).click();
    const codes = page.getByTestId('backup-codes').locator('code');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(8);
    expect(await codes.first().textContent()).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    backupCodes = await codes.allTextContents();
    await screenshotBoth(tab, 'backup-codes', async (p) => {
      await p.getByTestId('backup-codes').waitFor();
    });
    const done = page.getByRole('button', { name: 'Done' });
    expect(await done.isDisabled()).toBe(true);
    await page.getByLabel('I have saved my backup codes').check();
    await done.click();
    await page.getByText('8 of 8 backup codes left.').waitFor();
  });

  it('signs out, and signs in again: a code from a phone clock 150 s fast is explained, a right one works', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();

    // One code ahead of the real time is only "wrong": telling its skew would tell an attacker a
    // code that works later. The phone's next code, ahead by the same amount, is diagnosed.
    const fast = totpCode(secret, 150);
    await page.getByRole('textbox', { name: 'Authenticator app' }).fill(fast.code);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    const notice = page.locator('.error-notice[data-code="4003"]');
    await notice.waitFor();
    expect(await notice.getAttribute('data-reason')).toBe('invalid_code');
    const nextFast = await freshTotpCode(secret, fast.step, 150);
    await page.getByRole('textbox', { name: 'Authenticator app' }).fill(nextFast.code);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect.poll(() => notice.getAttribute('data-reason')).toBe('clock_skew');
    const text = (await notice.textContent()) ?? '';
    expect(text).toMatch(/Your phone's clock is (1[2-8]\d) seconds ahead of the real time\./);
    expect(text).toContain('Set time automatically');
    expect(text).toContain('Set Automatically');
    await checkA11y('2FA step with 4003 clock_skew');
    await screenshotBoth(tab, 'error-4003-clock-skew', async (p) => {
      await p.locator('.error-notice[data-code="4003"]').waitFor();
    });

    const fresh = await freshTotpCode(secret, enabledStep);
    await page.getByRole('textbox', { name: 'Authenticator app' }).fill(fresh.code);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByRole('heading', { name: 'Security center', level: 1 }).waitFor();
    await page.getByText('Authenticator app is on').waitFor();
  });

  it('shows the sign-in activity with the new-device flag, and the devices', async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Security center' }).getByRole('link', { name: 'Sign-in activity' }).click();
    await page.locator('.history-row').first().waitFor();
    expect(await page.locator('.history-row').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.chip-warn', { hasText: 'New device' }).count()).toBeGreaterThanOrEqual(1);
    await page.getByText('Failed: error 4003 (clock_skew)').waitFor();
    await checkA11y('/account/activity');
    await screenshotBoth(tab, 'activity', async (p) => {
      await p.locator('.history-row').first().waitFor();
    });

    await page.getByRole('navigation', { name: 'Security center' }).getByRole('link', { name: 'Devices' }).click();
    await page.getByText('This device').waitFor();
    await checkA11y('/account/devices');
    await screenshotBoth(tab, 'devices', async (p) => {
      await p.getByText('This device').waitFor();
    });
  });

  it('turns on email codes, then signs in with an emailed code; the resend button counts down the cooldown', async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Security center' }).getByRole('link', { name: 'Two-step verification' }).click();
    await page.getByRole('button', { name: 'Turn on email codes' }).click();
    // the authenticator already protects the account: it (here one of the saved backup codes) vouches for the new method
    await page.getByLabel('Current code from the app, or a backup code').fill(backupCodes[0] ?? '');
    await page.getByRole('button', { name: 'Send code', exact: true }).click();
    await page.getByLabel('Code from the email').fill(await latestCode(server.baseUrl, EMAIL));
    await page.getByRole('button', { name: 'Turn on', exact: true }).click();
    await page.getByRole('button', { name: 'Turn off email codes' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Two-step verification' }).waitFor();
    await page.getByLabel('Email code').check();
    await page.getByRole('button', { name: 'Send code', exact: true }).click();
    const resend = page.getByRole('button', { name: /^Send again in 0:[0-5]\d$|^Send again in 1:00$/ });
    await resend.waitFor();
    expect(await resend.isDisabled()).toBe(true);
    await screenshotBoth(tab, 'email-code', async (p) => {
      await p.getByRole('button', { name: /^Send again in/ }).waitFor();
    });
    await page.getByRole('textbox', { name: 'Email code' }).fill(await latestCode(server.baseUrl, EMAIL));
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByRole('heading', { name: 'Security center', level: 1 }).waitFor();
    await page.getByText('Email codes are on').waitFor();
  });

  it('creates an API key with the password and a backup code, shows its secret once, signs a request with it, and deletes it', async () => {
    const { page } = tab;
    await page.getByRole('navigation', { name: 'Security center' }).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('button', { name: 'Create an API key' }).click();
    await page.getByLabel('Name').fill('trading bot');
    await page.getByLabel('Trade: place and cancel orders').check();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('Current code from the app, a backup code, or a code we send you').fill(backupCodes[1] ?? '');
    await page.getByRole('button', { name: 'Create key' }).click();
    const apiKey = (await page.getByTestId('api-key').textContent()) ?? '';
    const secret = (await page.getByTestId('api-secret').textContent()) ?? '';
    expect(apiKey).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(secret).toMatch(/^[A-Za-z0-9]{64}$/);
    await checkA11y('/account/api-keys (created)');

    const signedAccount = async () => {
      const query = `timestamp=${Date.now()}&recvWindow=10000`;
      const signature = createHmac('sha256', secret).update(query).digest('hex');
      const response = await fetch(`${server.baseUrl}/api/v3/account?${query}&signature=${signature}`, { headers: { 'X-MBX-APIKEY': apiKey } });
      return { status: response.status, body: (await response.json()) as { code?: number; balances?: unknown[] } };
    };
    const used = await signedAccount();
    expect(used.status).toBe(200);
    expect(Array.isArray(used.body.balances)).toBe(true);

    await page.getByLabel('I have stored the key').check();
    await page.getByRole('button', { name: 'Done' }).click();
    const row = page.locator('.api-key-row', { hasText: 'trading bot' });
    await row.waitFor();
    expect(await row.textContent()).toContain('HMAC-SHA256 · Read, Trade');
    expect(await page.getByTestId('api-secret').count()).toBe(0);
    await screenshotBoth(tab, 'api-keys', async (p) => {
      await p.locator('.api-key-row').first().waitFor();
    });

    await row.getByRole('button', { name: /^Delete/ }).click();
    await row.getByRole('button', { name: 'Yes, delete' }).click();
    await page.getByText('No API keys.').waitFor();
    const refused = await signedAccount();
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe(-2015);
  });

  it('switches the whole app, catalog included, to Simplified Chinese and remembers it', async () => {
    const { page } = tab;
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('link', { name: '帮助', exact: true }).waitFor();
    await page.reload();
    await page.getByRole('link', { name: '帮助', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '帮助中心：错误代码' }).waitFor();
    const firstTitle = await page.locator('.code-title').first().textContent();
    expect(firstTitle).toMatch(/[\u4e00-\u9fff]/);
    await checkA11y('/help/errors (zh-CN)');
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Help center: error codes' }).waitFor();
    expect(tab.errors()).toEqual([]);
  });

  async function checkA11yOn(other: TestPage, where: string) {
    expect(await axeViolations(other.page), `axe on ${where}`).toEqual([]);
  }
});
