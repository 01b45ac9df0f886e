/** The account's recent sign-ins, read once per run and shared by the region and risk steps. */
import type { Deps } from '../../deps.js';
import { recentLoginFootprint } from '../../login/store.js';
import type { LoginState } from '../login-state.js';

const HISTORY_MS = 90 * 86_400_000;

export type Footprint = Awaited<ReturnType<typeof recentLoginFootprint>>;

const loaded = new WeakMap<LoginState, Footprint>();

export async function footprintOf(deps: Pick<Deps, 'db' | 'clock'>, state: LoginState, windowSeconds: number): Promise<Footprint> {
  const cached = loaded.get(state);
  if (cached) return cached;
  const now = deps.clock.nowMs();
  const rows = await recentLoginFootprint(deps.db, state.account!.id, now - Math.max(HISTORY_MS, windowSeconds * 1000));
  loaded.set(state, rows);
  return rows;
}
