/** Devices an account has signed in from: named from the User-Agent, keyed by the client's deviceId. */
import UAParser from 'ua-parser-js';
import { LRUCache } from 'lru-cache';
import type { Db } from '../platform/db/schema.js';
import { sha256Hex } from '../platform/crypto.js';
import { forgetDeviceAndEndItsSessions, listDeviceRows } from './store.js';

const OS_NAMES: Record<string, string> = { 'Mac OS': 'macOS', iOS: 'iOS', Android: 'Android', Windows: 'Windows', Linux: 'Linux' };

interface ParsedAgent {
  name: string;
  family: string | null;
}

/**
 * Parsing a User-Agent is the costliest non-hash step of a login, and a device sends the same one
 * every time: parse each distinct string once (bounded, so hostile variety cannot grow it).
 */
const parsed = new LRUCache<string, ParsedAgent>({ max: 2000 });

function parseAgent(userAgent: string): ParsedAgent {
  const cached = parsed.get(userAgent);
  if (cached) return cached;
  const result = new UAParser(userAgent).getResult();
  const app = result.browser.name ?? userAgent.split(/[\s/]/)[0]?.slice(0, 40);
  const osName = result.os.name ? (OS_NAMES[result.os.name] ?? result.os.name) : undefined;
  const name = app && osName ? `${app} on ${osName}` : app || osName || 'Unknown device';
  const family = !result.browser.name && !result.os.name ? null : `${result.browser.name ?? '?'}|${result.os.name ?? '?'}`;
  const entry = { name, family };
  parsed.set(userAgent, entry);
  return entry;
}

/** "Chrome on macOS", "Gatehouse/1.2 on iOS", or "Unknown device". */
export function deviceNameFromUserAgent(userAgent: string): string {
  return userAgent ? parseAgent(userAgent).name : 'Unknown device';
}

/** Browser and OS family of a User-Agent ("Chrome|macOS"), or null when it names neither. */
export function userAgentFamily(userAgent: string): string | null {
  return userAgent ? parseAgent(userAgent).family : null;
}

/**
 * The key a device is stored under: the client's deviceId, else a hash of the User-Agent so that a
 * client without one still maps to a stable device instead of a new row per login.
 */
export function deviceKeyFor(deviceId: string | null, userAgent: string): string {
  return deviceId ?? `ua:${sha256Hex(userAgent).slice(0, 32)}`;
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
  const rows = await listDeviceRows(db, accountId);
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
export function revokeDevice(db: Db, accountId: string, deviceId: string, nowMs: number): Promise<boolean> {
  return forgetDeviceAndEndItsSessions(db, accountId, deviceId, nowMs);
}
