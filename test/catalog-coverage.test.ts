/**
 * Every code the server can emit is in the catalog and in docs/errors.md: the source is scanned for
 * AppError constructions (keys and literal reasons), so adding an error without documenting it fails.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../src/errors/catalog.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

const source = sourceFiles('src').map((path) => ({ path, text: readFileSync(path, 'utf8') }));
const emitted = source.flatMap(({ path, text }) =>
  [...text.matchAll(/new AppError\(\s*'([A-Z_]+)'(?:\s*,\s*\{([^;]*?)\})?\s*\)/gs)].map((m) => ({
    path,
    key: m[1]!,
    reason: /reason:\s*'([a-z_]+)'/.exec(m[2] ?? '')?.[1],
  })),
);
const docs = readFileSync('docs/errors.md', 'utf8');

describe('error catalog coverage', () => {
  it('finds the AppErrors the server throws (the scan works)', () => {
    const keys = new Set(emitted.map((e) => e.key));
    for (const key of ['INVALID_CREDENTIALS', 'SYSTEM_MAINTENANCE', 'VALIDATION_FAILED', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'INTERNAL_ERROR']) {
      expect(keys).toContain(key);
    }
  });

  it('has every emitted key, with every literal reason, in the catalog', () => {
    for (const { path, key, reason } of emitted) {
      const entry = (CATALOG as Record<string, { reasons: Record<string, unknown> }>)[key];
      expect(entry, `${path}: ${key}`).toBeDefined();
      if (reason) expect(Object.keys(entry!.reasons), `${path}: ${key} reason ${reason}`).toContain(reason);
    }
  });

  it('documents every catalog code and reason in docs/errors.md', () => {
    for (const entry of Object.values(CATALOG)) {
      expect(docs, `${entry.code}`).toContain(`## ${entry.code} ${entry.name}`);
      for (const reason of Object.keys(entry.reasons)) expect(docs, `${entry.code} ${reason}`).toContain(reason);
    }
  });
});
