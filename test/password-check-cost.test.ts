/**
 * The login's password check costs the same for every kind of address: the same number of argon2
 * verifications and of SQL statements for a verified account, an unverified one and none at all.
 */
import type { KyselyPlugin } from 'kysely';
import { expect, it } from 'vitest';
import { checkPassword } from '../src/accounts/password-check.js';
import { findAccountByEmail } from '../src/accounts/store.js';
import type { PasswordHasher } from '../src/platform/passwords/hasher.js';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, createHarness, post, registerVerified } from './support/harness.js';

describeEachBackend('password check cost', (backend) => {
  it('runs the same hashes and statements for a verified, an unverified and an unknown address', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'verified@example.com');
    await post(h, '/api/v1/auth/register', { email: 'pending@example.com', password: GOOD_PASSWORD });
    h.clock.advanceSeconds(11 * 60); // no registration is waiting for its code any more
    let statements = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const db = h.deps.db.withPlugin(counting);
    let hashes = 0;
    const base = h.deps.hasher;
    const hasher = {
      ...base,
      verify: (stored: string, password: string) => {
        hashes++;
        return base.verify(stored, password);
      },
      verifyDummy: (password: string) => {
        hashes++;
        return base.verifyDummy(password);
      },
    } as PasswordHasher;
    const cost = async (email: string) => {
      const account = await findAccountByEmail(h.deps.db, email);
      [statements, hashes] = [0, 0];
      const verdict = await checkPassword({ db, clock: h.deps.clock }, hasher, { account, email, password: 'not the password', audience: 'user' });
      expect(verdict.ok).toBe(false);
      return { statements, hashes };
    };
    const verified = await cost('verified@example.com');
    expect(verified).toEqual({ statements: 2, hashes: 2 });
    expect(await cost('pending@example.com')).toEqual(verified);
    expect(await cost('nobody@example.com')).toEqual(verified);
  });
});
