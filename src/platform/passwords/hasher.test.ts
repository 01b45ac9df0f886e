import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createArgon2Hasher } from './hasher.js';
import { threadNiceSupported } from './low-priority-pool.js';

const PARAMS = { memoryKiB: 256, iterations: 1, parallelism: 1 };

/** Nice values of this process's threads (field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
}

describe('argon2 hasher lanes', () => {
  it('hashes and verifies the same on the low-priority threads as on the libuv pool', async () => {
    const hasher = await createArgon2Hasher(PARAMS, { threads: 1, nice: 7 });
    const low = hasher.lowPriority;
    expect(low).not.toBe(hasher);
    const made = await low.hash('correct horse battery');
    expect(made).toMatch(/^\$argon2id\$v=19\$m=256,t=1,p=1\$/);
    expect(await hasher.verify(made, 'correct horse battery')).toBe(true);
    expect(await low.verify(await hasher.hash('staple'), 'staple')).toBe(true);
    expect(await low.verify(made, 'wrong')).toBe(false);
    // A malformed stored hash is a failed check, never an exception.
    expect(await low.verify('not-a-phc-string', 'x')).toBe(false);
    expect(await low.verifyDummy('anything')).toBe(false);
  });

  it.runIf(threadNiceSupported())('runs low-priority work on a thread with the configured nice value', async () => {
    const hasher = await createArgon2Hasher(PARAMS, { threads: 1, nice: 13 });
    expect(threadNiceValues()).not.toContain(13);
    await hasher.lowPriority.hash('x');
    expect(threadNiceValues()).toContain(13);
  });

  it('shares the libuv pool when no nice value is configured', async () => {
    const hasher = await createArgon2Hasher(PARAMS, { threads: 1, nice: 0 });
    expect(hasher.lowPriority).toBe(hasher);
  });

  it('reports durations from both lanes', async () => {
    const hasher = await createArgon2Hasher(PARAMS, { threads: 1, nice: 5 });
    const seen: string[] = [];
    hasher.onDuration = (operation) => seen.push(operation);
    await hasher.lowPriority.verify(await hasher.hash('a'), 'a');
    expect(seen).toEqual(['hash', 'verify']);
  });
});
