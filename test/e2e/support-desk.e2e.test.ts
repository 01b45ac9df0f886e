/**
 * The support desk in the browser, both sides: a signed-out user files a ticket with a screenshot
 * (wrong and oversized files are refused in the form before any upload), confirms it by the mailed
 * link, reads it and replies; a support staff member finds it in the queue, reads it with the
 * account context, replies and resolves it; the requester sees both. Then a user who disabled their
 * own account files from the 4002 "Contact support" link with an ID photo and a selfie, staff
 * unfreeze it with the identity check, and the user signs in again.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type StaffMember, bearerLogin, call, createStaff, mailedLink, outbox, registerVerified } from './support/api.js';
import { type TestBrowser, type TestPage, axeViolations, launchBrowser, cleanUpAfterSuite, screenshotBoth, signInStaff } from './support/browser.js';
import { type TestServer, startServer } from './support/server.js';

const REQUESTER = 'requester@example.com';
const FROZEN = 'locked-out@example.com';
const STAFF = 'desk@example.com';
const DESCRIPTION = 'Signing in says my password is wrong, but I just changed it on my phone.';
const STAFF_REPLY = 'Your password was changed at 09:12 from your phone. Use the new one; it works now.';

/** An image of what the page shows now: a real PNG, as a user's screenshot would be. */
async function pngOf(page: Page, width = 480, height = 300): Promise<Buffer> {
  return page.screenshot({ clip: { x: 0, y: 0, width, height } });
}

const isoPath = (page: Page) => new URL(page.url()).pathname;

describe('the support desk', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let tab: TestPage;
  let desk: TestPage | undefined;
  let staff: StaffMember;
  let ticketId = '';
  let frozenTicketId = '';
  const ticketPosts: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    staff = await createStaff(server, STAFF, 'support');
    await registerVerified(server.baseUrl, REQUESTER);
    await registerVerified(server.baseUrl, FROZEN);
    const disabled = await call(server.baseUrl, 'POST', '/api/v1/account/disable', { password: PASSWORD }, await bearerLogin(server.baseUrl, FROZEN));
    expect(disabled.status).toBe(200);
    browser = await launchBrowser();
    tab = await browser.newPage();
    tab.page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/tickets') ticketPosts.push(request.url());
    });
  });

  cleanUpAfterSuite(() => ({ server, browser, pages: [tab, desk] }));

  it('refuses a renamed text file, a text file and a file over 5 MB in the form, previews a screenshot, and files the ticket', async () => {
    const { page } = tab;
    // The screenshot the user took of the refusal they met.
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email').fill(REQUESTER);
    await page.getByLabel('Password', { exact: true }).fill('the password I think it is');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('.error-notice[data-code="4000"] .error-help').waitFor();
    const screenshotPng = await pngOf(page);

    await page.goto(`${server.baseUrl}/support/new?category=login_error&code=4000`);
    await page.getByRole('heading', { level: 1, name: 'Contact support' }).waitFor();
    await page.getByLabel('Your account email').fill(REQUESTER);
    expect(await page.getByLabel('What is it about?').inputValue()).toBe('login_error');
    await page.getByLabel('What is it about?').selectOption('login_error');
    expect(await page.getByLabel('Error code (if any)').inputValue()).toBe('4000');
    await page.getByLabel('Device').fill('Pixel 7, Chrome');
    await page.getByLabel('When did it happen?').fill('2025-03-14T09:30');
    await page.getByLabel('What happened?').fill(DESCRIPTION);

    const picker = page.getByLabel('Screenshots (optional)');
    const problems = page.locator('#attachments-problems');
    await picker.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('these are my notes, not a picture\n') });
    await problems.getByText('notes.png: not a PNG, JPEG, WebP or GIF image.').waitFor();
    await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text\n') });
    await problems.getByText('notes.txt: not a PNG, JPEG, WebP or GIF image.').waitFor();
    const huge = Buffer.concat([screenshotPng, Buffer.alloc(5 * 1024 * 1024 + 1 - screenshotPng.length)]);
    await picker.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: huge });
    await problems.getByText('huge.png: larger than 5 MB.').waitFor();
    expect(await page.locator('.previews img').count()).toBe(0);

    await picker.setInputFiles({ name: 'sign-in-error.png', mimeType: 'image/png', buffer: screenshotPng });
    const preview = page.getByRole('img', { name: 'Preview of sign-in-error.png' });
    await preview.waitFor();
    expect(await preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(480);
    expect(await problems.count()).toBe(0);
    expect(ticketPosts).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'support-new-preview', async (p) => {
      await p.getByRole('img', { name: 'Preview of sign-in-error.png' }).scrollIntoViewIfNeeded();
    });

    await page.getByRole('button', { name: 'Send to support' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your mail to confirm the ticket' }).waitFor();
    await page.getByText(`We sent a link to ${REQUESTER}.`, { exact: false }).waitFor();
    ticketId = /Ticket ([0-9A-Z]{26})/.exec((await page.locator('.notice').textContent()) ?? '')?.[1] ?? '';
    expect(ticketId).toMatch(/^[0-9A-Z]{26}$/);
    expect(ticketPosts).toHaveLength(1);
  });

  it('opens the ticket from the mailed link: the ticket, its status history and the screenshot; the requester replies', async () => {
    const { page } = tab;
    await page.goto(await mailedLink(server.baseUrl, REQUESTER, '/support/tickets/confirm'));
    await page.getByRole('heading', { level: 1, name: 'Confirm your support ticket' }).waitFor();
    await page.getByRole('button', { name: 'Confirm and open the ticket' }).click();
    await page.waitForURL((url) => url.pathname === `/support/tickets/${ticketId}`);
    const status = page.getByTestId('ticket-status');
    await status.getByText('Open', { exact: true }).waitFor();
    expect(await status.textContent()).toMatch(/Expected answer by .*\d/);
    const facts = page.locator('.facts');
    expect(await facts.textContent()).toContain('I get an error when I sign in');
    expect(await facts.textContent()).toContain('4000');
    expect(await facts.textContent()).toContain('Pixel 7, Chrome');
    const history = page.locator('.ticket-history li');
    expect(await history.allTextContents()).toEqual([
      expect.stringMatching(/^Waiting for email confirmation .*by you$/),
      expect.stringMatching(/^Open .*by you$/),
    ]);
    await page.getByText(DESCRIPTION).waitFor();
    const image = page.getByRole('img', { name: 'Screenshot 1' });
    await image.waitFor();
    expect(await image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(480);
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(tab, 'support-ticket', async (p) => {
      await p.getByRole('img', { name: 'Screenshot 1' }).waitFor();
    });

    await page.getByLabel('Your message').fill('It still happens this morning.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Your message was added to the ticket.').waitFor();
    await page.getByText('It still happens this morning.').waitFor();
    expect(tab.errors()).toEqual([]);
  });

  it('staff see it in the queue with its due time, read it with the account context, reply and resolve it', async () => {
    desk = await browser.newPage();
    const { page } = desk;
    await signInStaff(page, server.baseUrl, staff);
    await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Tickets' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: ticketId }) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(1, 4)).toEqual(['Open', 'I get an error when I sign in', REQUESTER]);
    expect(cells[4]).toMatch(/\d{4}/);
    expect(await axeViolations(page)).toEqual([]);

    await row.getByRole('link', { name: ticketId }).click();
    await page.getByRole('heading', { level: 1, name: `Ticket ${ticketId}` }).waitFor();
    const account = page.getByRole('region', { name: 'Account' });
    await account.getByText(REQUESTER).waitFor();
    await account.getByText('Active', { exact: true }).waitFor();
    await account.getByRole('link', { name: 'Open the account context' }).waitFor();
    expect(await page.locator('.facts').textContent()).toContain('4000');
    await page.getByText(DESCRIPTION).waitFor();
    await page.getByText('It still happens this morning.').waitFor();
    await page.getByRole('img', { name: 'Screenshot 1' }).waitFor();

    await page.getByLabel('Reply (mailed to the requester)').fill(STAFF_REPLY);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.message[data-from="support"]').getByText(STAFF_REPLY).waitFor();
    await page.getByTestId('ticket-status').getByText('Answered').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshotBoth(desk, 'admin-ticket', async (p) => {
      await p.getByRole('img', { name: 'Screenshot 1' }).waitFor();
      await p.evaluate('window.scrollTo(0, 0)');
    });
    const replyMail = (await outbox(server.baseUrl, REQUESTER)).find((m) => m.subject === `New reply on your support ticket ${ticketId}`);
    expect(replyMail?.text).toContain(STAFF_REPLY);

    await page.getByLabel('Note (for the audit log)').fill('Explained the recent password change');
    await page.getByRole('button', { name: 'Resolve ticket' }).click();
    await page.getByText('Resolved.', { exact: true }).waitFor();
    await page.getByTestId('ticket-status').getByText('Resolved').waitFor();
    expect(desk.errors()).toEqual([]);
  });

  it('shows the requester the staff reply and the resolved status; the resolution was mailed', async () => {
    const { page } = tab;
    await page.reload();
    await page.getByTestId('ticket-status').getByText('Resolved').waitFor();
    await page.locator('.message[data-from="support"]').getByText(STAFF_REPLY).waitFor();
    expect(await page.locator('.ticket-history li').last().textContent()).toMatch(/^Resolved .*by support$/);
    const mails = await outbox(server.baseUrl, REQUESTER);
    expect(mails.map((m) => m.subject)).toContain(`Your support ticket ${ticketId} was resolved`);
    expect(tab.errors()).toEqual([]);

    // The mail's link opens the ticket in a tab that never saw it (another device, in effect): it
    // carries the ticket's access token, which then leaves the address bar.
    const link = new URL(await mailedLink(server.baseUrl, REQUESTER, `/support/tickets/${ticketId}`));
    expect(link.searchParams.get('token')).toMatch(/^ght_/);
    const fresh = await browser.newPage();
    try {
      await fresh.page.goto(link.href);
      await fresh.page.getByTestId('ticket-status').getByText('Resolved').waitFor();
      await fresh.page.locator('.message[data-from="support"]').getByText(STAFF_REPLY).waitFor();
      expect(new URL(fresh.page.url()).search).toBe('');
      expect(fresh.errors()).toEqual([]);
    } finally {
      await fresh.page.close();
    }
  });

  it('a user who disabled their account files from the 4002 link with an ID photo and a selfie', async () => {
    const { page } = tab;
    const idPhoto = await pngOf(page, 320, 200);
    const selfie = await pngOf(page, 240, 320);
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email').fill(FROZEN);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const notice = page.locator('.error-notice[data-code="4002"]');
    await notice.getByRole('link', { name: 'Contact support' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contact support' }).waitFor();
    expect(await page.getByLabel('What is it about?').inputValue()).toBe('account_frozen');
    expect(await page.getByLabel('Your account email').inputValue()).toBe(FROZEN);
    await page.getByRole('group', { name: 'Proof of identity' }).waitFor();
    await page.getByLabel('What happened?').fill('I disabled my account after a strange mail; it was a false alarm.');
    await page.getByLabel('Photo of your ID document').setInputFiles({ name: 'passport.png', mimeType: 'image/png', buffer: idPhoto });
    await page.getByLabel('Selfie holding the same document').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: selfie });
    await page.getByRole('img', { name: 'Preview of passport.png' }).waitFor();
    await page.getByRole('img', { name: 'Preview of me.png' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send to support' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your mail to confirm the ticket' }).waitFor();

    await page.goto(await mailedLink(server.baseUrl, FROZEN, '/support/tickets/confirm'));
    await page.getByRole('button', { name: 'Confirm and open the ticket' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/support/tickets/') && !url.pathname.endsWith('/confirm'));
    frozenTicketId = isoPath(page).split('/').pop() ?? '';
    const facts = page.locator('.facts');
    await facts.getByText('ID photo: received · Selfie: received').waitFor();
    // The requester is told the evidence arrived; the files themselves are for staff only.
    expect(await page.getByRole('img', { name: /Screenshot/ }).count()).toBe(0);
  });

  it('staff unfreeze it with the identity check, and the user signs in again', async () => {
    const page = desk!.page;
    await page.goto(`${server.baseUrl}/admin/tickets`);
    await page.getByRole('link', { name: frozenTicketId }).click();
    const account = page.getByRole('region', { name: 'Account' });
    await account.getByText('Frozen', { exact: true }).waitFor();
    expect(await account.textContent()).toContain('type self');
    await page.getByRole('button', { name: 'Show the ID photo (each view is audited)' }).click();
    await page.getByRole('img', { name: 'ID photo' }).waitFor();
    await page.getByRole('button', { name: 'Show the selfie (each view is audited)' }).click();
    await page.getByRole('img', { name: 'Selfie' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Action').selectOption('unfreeze');
    await page.getByLabel('Note (for the audit log)').fill('ID and selfie match the account holder');
    const resolve = page.getByRole('button', { name: 'Resolve ticket' });
    expect(await resolve.isDisabled()).toBe(true);
    await page.getByLabel('I verified the owner’s identity').check();
    await resolve.click();
    await page.getByText('Resolved.', { exact: true }).waitFor();
    await account.getByText('Active', { exact: true }).waitFor();
    expect(desk!.errors()).toEqual([]);
    const mails = await outbox(server.baseUrl, FROZEN);
    expect(mails.find((m) => m.subject === `Your support ticket ${frozenTicketId} was resolved`)?.text).toContain('Your account was unfrozen.');

    const { page: user } = tab;
    await user.goto(`${server.baseUrl}/login`);
    await user.getByLabel('Email').fill(FROZEN);
    await user.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await user.getByRole('button', { name: 'Sign in', exact: true }).click();
    await user.getByRole('heading', { name: 'Security center', level: 1 }).waitFor();
    expect(tab.errors()).toEqual([]);
  });
});
