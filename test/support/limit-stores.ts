import { describe } from 'vitest';

/** Limiter stores the shared rate-limit suite runs on: memory always, Redis when configured. */
export function limiterStores(): Array<{ name: 'memory' | 'redis'; redisUrl?: string }> {
  const stores: Array<{ name: 'memory' | 'redis'; redisUrl?: string }> = [{ name: 'memory' }];
  const url = process.env.GATEHOUSE_TEST_REDIS_URL;
  if (url) stores.push({ name: 'redis', redisUrl: url });
  return stores;
}

export function describeEachStore(name: string, suite: (store: { name: string; redisUrl?: string }) => void): void {
  for (const store of limiterStores()) describe(`${name} [${store.name}]`, () => suite(store));
}
