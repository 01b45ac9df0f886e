import { monotonicFactory } from 'ulid';
import type { Clock } from './clock.js';

/**
 * Time-ordered ids (ULID). Ordered ids make "newest first" paging a plain `id < cursor` scan and
 * keep request ids sortable in logs. The random part comes from the CSPRNG.
 */
export type IdFactory = () => string;

export function createIdFactory(clock: Clock): IdFactory {
  const next = monotonicFactory();
  return () => next(clock.nowMs());
}
