/** The staff door: a user account's correct password costs and answers exactly what a wrong one does. */
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, createHarness, json, post, registerVerified, type Harness } from './support/harness.js';

/** Runs `request` and counts the argon2 verifications it made (dummy ones included). */
async function verificationsOf(h: Harness, request: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const previous = h.deps.hasher.onDuration;
  h.deps.hasher.onDuration = (operation, seconds) => {
    if (operation === 'verify') count++;
    previous?.(operation, seconds);
  };
  try {
    await request();
  } finally {
    h.deps.hasher.onDuration = previous;
  }
  return count;
}

const withoutRequestId = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });

describeEachBackend('the staff door', (backend) => {
  it('costs two verifications for a user account whether the password is right or wrong, with the same answer', async () => {
    const h = await createHarness(backend);
    await registerVerified(h, 'user@example.com');
    const door = (password: string) => post(h, '/api/v1/admin/login', { email: 'user@example.com', password });
    let right: unknown;
    let wrong: unknown;
    const rightCost = await verificationsOf(h, async () => {
      right = json(await door(GOOD_PASSWORD));
    });
    const wrongCost = await verificationsOf(h, async () => {
      wrong = json(await door('not the password at all'));
    });
    const unknownCost = await verificationsOf(h, () => post(h, '/api/v1/admin/login', { email: 'nobody@example.com', password: GOOD_PASSWORD }));
    expect([rightCost, wrongCost, unknownCost]).toEqual([2, 2, 2]);
    expect(withoutRequestId(right as Record<string, unknown>)).toEqual(withoutRequestId(wrong as Record<string, unknown>));
    expect(right).toMatchObject({ code: 4000 });
    // the user door still answers a correct password with one verification
    expect(await verificationsOf(h, () => post(h, '/api/v1/auth/login', { email: 'user@example.com', password: GOOD_PASSWORD }))).toBe(1);
  });
});
