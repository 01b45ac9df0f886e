/**
 * The server's master secret (GATEHOUSE_SECRET_KEY, or generated into the data dir on first start).
 * Purpose-bound subkeys are derived with HKDF so that one leaked use (say, the CSRF key) says nothing
 * about another (TOTP secret encryption).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hkdfSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConfigError } from '../config.js';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from './data-dir.js';

export interface ServerKeys {
  /** HMAC key for short verification codes at rest. */
  codes: Buffer;
  /** Derives CSRF tokens from session ids. */
  csrf: Buffer;
  /** AES-256-GCM key for TOTP secrets at rest. */
  totp: Buffer;
  /** Signs device tokens (known-device proof checked without the database). */
  device: Buffer;
  /** AES-256-GCM key for identity evidence (ID photos, selfies) on support tickets. */
  evidence: Buffer;
  /** AES-256-GCM key for signed-API HMAC secrets at rest. */
  apiKeys: Buffer;
  /** Derives a support ticket's access token, so that mails can carry it (tickets/access-link.ts). */
  ticketAccess: Buffer;
}

export function loadOrCreateMasterKey(configured: string | null, dataDir: string): Buffer {
  if (configured) return Buffer.from(configured, 'hex');
  const path = join(dataDir, 'secret.key');
  if (existsSync(path)) {
    const hex = readFileSync(path, 'utf8').trim();
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new ConfigError(`GATEHOUSE_SECRET_KEY: ${path} must hold 64 hex characters`);
    return Buffer.from(hex, 'hex');
  }
  ensurePrivateDir(dataDir);
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('hex')}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
  return key;
}

export function deriveKeys(master: Buffer): ServerKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `gatehouse:${purpose}`, 32));
  return {
    codes: derive('codes'),
    csrf: derive('csrf'),
    totp: derive('totp'),
    device: derive('device'),
    evidence: derive('evidence'),
    apiKeys: derive('api-keys'),
    ticketAccess: derive('ticket-access'),
  };
}
