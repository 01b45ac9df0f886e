/** Devices an account has signed in from: named from the User-Agent, keyed by the client's deviceId. */
import UAParser from 'ua-parser-js';
import type { Db } from '../platform/db/schema.js';
import { sha256Hex } from '../platform/crypto.js';

const OS_NAMES: Record<string, string> = { 'Mac OS': 'macOS', iOS: 'iOS', Android: 'Android', Windows: 'Windows', Linux: 'Linux' };

/** "Chrome on macOS", "Gatehouse/1.2 on iOS", or "Unknown device". */
export function deviceNameFromUserAgent(userAgent: string): string {
  if (!userAgent) return 'Unknown device';
  const result = new UAParser(userAgent).getResult();
  const app = result.browser.name ?? userAgent.split(/[\s/]/)[0]?.slice(0, 40);
  const osName = result.os.name ? (OS_NAMES[result.os.name] ?? result.os.name) : undefined;
  if (app && osName) return `${app} on ${osName}`;
  return app || osName || 'Unknown device';
}

/** Browser and OS family of a User-Agent ("Chrome|macOS"), or null when it names neither. */
export function userAgentFamily(userAgent: string): string | null {
  if (!userAgent) return null;
  const result = new UAParser(userAgent).getResult();
  if (!result.browser.name && !result.os.name) return null;
  return `${result.browser.name ?? '?'}|${result.os.name ?? '?'}`;
}

/**
 * The key a device is stored under: the client's deviceId, else a hash of the User-Agent so that a
 * client without one still maps to a stable device instead of a new row per login.
 */
export function deviceKeyFor(deviceId: string | null, userAgent: string): string {
  return deviceId ?? `ua:${sha256Hex(userAgent).slice(0, 32)}`;
}

export async function findDeviceByKey(db: Db, accountId: string, deviceKey: string) {
  return db
    .selectFrom('devices')
    .select(['id', 'name', 'trusted', 'user_agent', 'device_key'])
    .where('account_id', '=', accountId)
    .where('device_key', '=', deviceKey)
    .executeTakeFirst();
}

/** Records a successful sign-in from a device; creates the device the first time. */
export async function recordDeviceSignIn(
  db: Db,
  input: { newId: () => string; accountId: string; deviceKey: string; name: string; userAgent: string; ip: string; country: string | null; nowMs: number },
): Promise<{ deviceId: string; isNew: boolean }> {
  // The common case is a device signing in again: one UPDATE, no insert attempt.
  const updated = await db
    .updateTable('devices')
    .set({ last_seen_at: input.nowMs, last_ip: input.ip, last_country: input.country, name: input.name, user_agent: input.userAgent.slice(0, 512) })
    .where('account_id', '=', input.accountId)
    .where('device_key', '=', input.deviceKey)
    .returning(['id'])
    .executeTakeFirst();
  if (updated) return { deviceId: updated.id, isNew: false };
  const id = input.newId();
  const inserted = await db
    .insertInto('devices')
    .values({
      id,
      account_id: input.accountId,
      device_key: input.deviceKey,
      name: input.name,
      user_agent: input.userAgent.slice(0, 512),
      first_seen_at: input.nowMs,
      last_seen_at: input.nowMs,
      last_ip: input.ip,
      last_country: input.country,
    })
    .onConflict((oc) => oc.columns(['account_id', 'device_key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { deviceId: id, isNew: true };
  // A concurrent first sign-in from the same device inserted it a moment ago.
  return recordDeviceSignIn(db, input);
}

export interface DeviceView {
  id: string;
  name: string;
  firstSeenAt: string;
  lastSeenAt: string;
  lastIp: string;
  lastCountry: string | null;
  current: boolean;
  trusted: boolean;
}

export async function listDevices(db: Db, accountId: string, currentDeviceId: string | null): Promise<DeviceView[]> {
  const rows = await db.selectFrom('devices').selectAll().where('account_id', '=', accountId).orderBy('last_seen_at', 'desc').execute();
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    firstSeenAt: new Date(d.first_seen_at).toISOString(),
    lastSeenAt: new Date(d.last_seen_at).toISOString(),
    lastIp: d.last_ip,
    lastCountry: d.last_country,
    current: d.id === currentDeviceId,
    trusted: d.trusted === 1,
  }));
}

/** Ends the device's sessions and forgets it (its next sign-in is a new device again). */
export async function revokeDevice(db: Db, accountId: string, deviceId: string, nowMs: number): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('devices').where('id', '=', deviceId).where('account_id', '=', accountId).executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1) return false;
    await trx
      .updateTable('sessions')
      .set({ revoked_at: nowMs, revoked_reason: 'device_revoked' })
      .where('account_id', '=', accountId)
      .where('device_id', '=', deviceId)
      .where('revoked_at', 'is', null)
      .execute();
    return true;
  });
}
