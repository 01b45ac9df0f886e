/**
 * Where uploaded images live: files under `<dataDir>/support/files/<2 hex>/<32 hex>`, named by 128
 * random bits and never by anything the client sent, so a name cannot traverse paths, collide, or be
 * guessed. Files are written 0600 and only created (`wx`), never overwritten. Identity evidence is
 * written sealed (src/tickets/evidence.ts); screenshots as they came.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Random } from '../platform/random.js';

const NAME = /^[0-9a-f]{32}$/;

export function supportFilesDir(dataDir: string): string {
  return join(dataDir, 'support', 'files');
}

function pathOf(dataDir: string, storageName: string): string {
  if (!NAME.test(storageName)) throw new Error('invalid storage name');
  return join(supportFilesDir(dataDir), storageName.slice(0, 2), storageName);
}

export function newStorageName(random: Random): string {
  return random.bytes(16).toString('hex');
}

export async function writeStoredFile(dataDir: string, storageName: string, content: Buffer | string): Promise<void> {
  const path = pathOf(dataDir, storageName);
  await mkdir(join(supportFilesDir(dataDir), storageName.slice(0, 2)), { recursive: true, mode: 0o700 });
  await writeFile(path, content, { mode: 0o600, flag: 'wx' });
}

export async function readStoredFile(dataDir: string, storageName: string): Promise<Buffer> {
  return readFile(pathOf(dataDir, storageName));
}

/** Deletes a stored file; a file already gone is not an error (a sweep may be repeating itself). */
export async function deleteStoredFile(dataDir: string, storageName: string): Promise<void> {
  await rm(pathOf(dataDir, storageName), { force: true });
}
