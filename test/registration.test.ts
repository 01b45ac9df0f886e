import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, createHarness, get, json, latestCode, login, post } from './support/harness.js';

describeEachBackend('registration', (backend) => {
  it('registers, mails a code, verifies, and then the password logs in', async () => {
    const h = await createHarness(backend);
    const registered = await post(h, '/api/v1/auth/register', { email: 'Alice@Example.com ', password: GOOD_PASSWORD });
    expect(registered.statusCode).toBe(202);
    expect(json(registered)).toEqual({ status: 'verification_sent' });

    const mail = json(await get(h, '/api/v1/dev/outbox?to=alice@example.com'));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: 'alice@example.com', channel: 'email', subject: 'Your Gatehouse verification code' });

    expect((await login(h, 'alice@example.com')).statusCode).toBe(403); // 4019 before verification
    const verified = await post(h, '/api/v1/auth/register/verify', { email: 'ALICE@example.com', code: await latestCode(h, 'alice@example.com') });
    expect(verified.statusCode).toBe(200);
    expect(json(verified)).toEqual({ status: 'verified' });
    expect((await login(h, 'alice@example.com')).statusCode).toBe(200);
  });

  it('answers a taken email exactly like a new one and mails a notice instead of a code', async () => {
    const h = await createHarness(backend);
    await post(h, '/api/v1/auth/register', { email: 'bob@example.com', password: GOOD_PASSWORD });
    await post(h, '/api/v1/auth/register/verify', { email: 'bob@example.com', code: await latestCode(h, 'bob@example.com') });

    const again = await post(h, '/api/v1/auth/register', { email: 'bob@example.com', password: 'another long passphrase' });
    const fresh = await post(h, '/api/v1/auth/register', { email: 'carol@example.com', password: 'another long passphrase' });
    expect(again.statusCode).toBe(fresh.statusCode);
    expect(again.body).toBe(fresh.body);
    const mails = json(await get(h, '/api/v1/dev/outbox?to=bob@example.com'));
    expect(mails[0].subject).toBe('Someone tried to register with your email');
    expect(mails[0].text).not.toMatch(/\b\d{6}\b/);
    // the existing password still works; the attempted one signs in to nothing, and its answer (4019:
    // that registration waits for its code) is the one a new address gives, so it tells nothing
    expect((await login(h, 'bob@example.com')).statusCode).toBe(200);
    const taken = await login(h, 'bob@example.com', 'another long passphrase');
    const unused = await login(h, 'carol@example.com', 'another long passphrase');
    expect(json(taken)).toMatchObject({ code: 4019 });
    expect({ ...json(taken), requestId: null }).toEqual({ ...json(unused), requestId: null });
    expect(taken.statusCode).toBe(unused.statusCode);
  });

  it('signs nobody in to an unverified address: its password is whoever registered last, and once the code is gone it answers 4000 like a wrong one', async () => {
    const h = await createHarness(backend);
    await post(h, '/api/v1/auth/register', { email: 'dave@example.com', password: GOOD_PASSWORD });
    expect(json(await login(h, 'dave@example.com'))).toMatchObject({ code: 4019 });
    expect(json(await login(h, 'dave@example.com', 'some other passphrase'))).toMatchObject({ code: 4000 });
    h.clock.advanceSeconds(11 * 60); // the code (10 minutes) has expired
    expect(json(await login(h, 'dave@example.com'))).toMatchObject({ code: 4000 });
    // "forgot password" has nothing to reset yet: the mailbox is told how to finish instead
    expect(json(await post(h, '/api/v1/auth/password/forgot', { email: 'dave@example.com' }))).toEqual({ status: 'reset_requested' });
    await h.deps.background.idle();
    const unfinished = json(await get(h, '/api/v1/dev/outbox?to=dave@example.com'))[0];
    expect(unfinished.subject).toBe('Finish creating your Gatehouse account');
    expect(unfinished.text).toContain('/register');
    // registering again and verifying the new code binds the password of whoever reads the mailbox
    await post(h, '/api/v1/auth/register', { email: 'dave@example.com', password: 'the mailbox owner passphrase' });
    await post(h, '/api/v1/auth/register/verify', { email: 'dave@example.com', code: await latestCode(h, 'dave@example.com') });
    expect((await login(h, 'dave@example.com', 'the mailbox owner passphrase')).statusCode).toBe(200);
  });

  it('refuses weak passwords with 4018 and the reason, and stores nothing', async () => {
    const h = await createHarness(backend);
    const cases: Array<[string, string]> = [
      ['short12', 'too_short'],
      ['x'.repeat(129), 'too_long'],
      ['password123', 'common'],
      ['Qwertyuiop', 'common'],
    ];
    for (const [password, reason] of cases) {
      const response = await post(h, '/api/v1/auth/register', { email: 'weak@example.com', password });
      expect(response.statusCode).toBe(400);
      expect(json(response)).toMatchObject({ code: 4018, reason });
    }
    expect(json(await get(h, '/api/v1/dev/outbox?to=weak@example.com'))).toEqual([]);
  });

  it('counts length in characters after NFC and allows any characters', async () => {
    const h = await createHarness(backend);
    // 8 characters: 4 emoji and 4 letters with combining accents (NFD input, NFC = 1 char each)
    const password = `${'🔒🔑🗝️x'.normalize('NFC')}e\u0301e\u0301e\u0301`;
    const decomposed = 'ñandú horse 密码 battery'.normalize('NFD');
    expect((await post(h, '/api/v1/auth/register', { email: 'uni@example.com', password: decomposed })).statusCode).toBe(202);
    await post(h, '/api/v1/auth/register/verify', { email: 'uni@example.com', code: await latestCode(h, 'uni@example.com') });
    // the NFC form of the same password logs in
    expect((await login(h, 'uni@example.com', decomposed.normalize('NFC'))).statusCode).toBe(200);
    expect((await post(h, '/api/v1/auth/register', { email: 'emoji@example.com', password })).statusCode).toBe(202);
  });

  it('rejects a wrong code, stops after 5 tries, and a code works once', async () => {
    const h = await createHarness(backend);
    await post(h, '/api/v1/auth/register', { email: 'dan@example.com', password: GOOD_PASSWORD });
    const code = await latestCode(h, 'dan@example.com');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const response = await post(h, '/api/v1/auth/register/verify', { email: 'dan@example.com', code: wrong });
      expect(json(response)).toMatchObject({ code: 4014 });
    }
    // the 6th try is refused even with the right code
    expect(json(await post(h, '/api/v1/auth/register/verify', { email: 'dan@example.com', code }))).toMatchObject({ code: 4014 });

    // a new registration issues a new code; it works once
    await post(h, '/api/v1/auth/register', { email: 'dan@example.com', password: GOOD_PASSWORD });
    const second = await latestCode(h, 'dan@example.com');
    expect((await post(h, '/api/v1/auth/register/verify', { email: 'dan@example.com', code: second })).statusCode).toBe(200);
    expect(json(await post(h, '/api/v1/auth/register/verify', { email: 'dan@example.com', code: second }))).toMatchObject({ code: 4014 });
  });

  it('expires codes after 10 minutes', async () => {
    const h = await createHarness(backend);
    await post(h, '/api/v1/auth/register', { email: 'erin@example.com', password: GOOD_PASSWORD });
    const code = await latestCode(h, 'erin@example.com');
    h.clock.advanceSeconds(600);
    expect(json(await post(h, '/api/v1/auth/register/verify', { email: 'erin@example.com', code }))).toMatchObject({ code: 4014 });
  });

  it('binds the password to the code: a later registrant cannot take over a pending address', async () => {
    const h = await createHarness(backend);
    await post(h, '/api/v1/auth/register', { email: 'victim@example.com', password: 'victims own passphrase' });
    const victimCode = await latestCode(h, 'victim@example.com');
    // an attacker re-registers the same (unverified) address with their password; the code goes to the victim
    await post(h, '/api/v1/auth/register', { email: 'victim@example.com', password: 'attacker chosen passphrase' });
    // the victim's earlier code was superseded; the victim uses the newest code in their mailbox
    expect(json(await post(h, '/api/v1/auth/register/verify', { email: 'victim@example.com', code: victimCode }))).toMatchObject({ code: 4014 });
    // re-registering with their own password binds it to the new code
    await post(h, '/api/v1/auth/register', { email: 'victim@example.com', password: 'victims own passphrase' });
    await post(h, '/api/v1/auth/register/verify', { email: 'victim@example.com', code: await latestCode(h, 'victim@example.com') });
    expect((await login(h, 'victim@example.com', 'attacker chosen passphrase')).statusCode).toBe(401);
    expect((await login(h, 'victim@example.com', 'victims own passphrase')).statusCode).toBe(200);
  });

  it('lets exactly one of 50 parallel verifications with the same code succeed', async () => {
    const h = await createHarness(backend);
    await post(h, '/api/v1/auth/register', { email: 'race@example.com', password: GOOD_PASSWORD });
    const code = await latestCode(h, 'race@example.com');
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(h, '/api/v1/auth/register/verify', { email: 'race@example.com', code })));
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 400).every((r) => json(r).code === 4014)).toBe(true);
  });
});
