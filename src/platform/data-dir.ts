/**
 * Gatehouse's files on disk (the SQLite database and its -wal/-shm files, the generated secret key)
 * are private to the user the server runs as: directories it creates are 0700, the files 0600.
 *
 * Threat: another local user (or a process of another service on the same host) reading the
 * database (password hashes, sealed secrets, session and code hashes) or the master key.
 * An existing directory is left as the operator made it, but looser modes are reported
 * (`looseModeOf`) so that the server can warn about them.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `path` (and missing parents) 0700; an existing directory keeps its mode. */
export function ensurePrivateDir(path: string): void {
  mkdirSync(path, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates `path` empty and 0600 when it does not exist, and takes group and other permissions off
 * it when it does (a file we own; EPERM, for one we do not, is left to the open that follows).
 */
export function ensurePrivateFile(path: string): void {
  if (!existsSync(path)) {
    closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
    return;
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(path, mode & 0o700);
  } catch {
    // Not ours to change: the server still starts, as it did.
  }
}

/** The permission bits of `path` when others than its owner may use it, else null (or when it is missing). */
export function looseModeOf(path: string): number | null {
  if (!existsSync(path)) return null;
  const mode = statSync(path).mode & 0o777;
  return (mode & 0o077) === 0 ? null : mode;
}
