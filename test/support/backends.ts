/**
 * The storage backends integration suites run on: SQLite always; PostgreSQL when
 * GATEHOUSE_TEST_DATABASE_URL is set. Each app gets its own SQLite file or PostgreSQL schema, so
 * runs (and tests) never see each other's rows.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty database: url plus the PostgreSQL schema to use. */
  freshDatabase(): { url: string; schema?: string };
}

export function sqliteBackend(): Backend {
  return {
    name: 'sqlite',
    freshDatabase: () => ({ url: join(mkdtempSync(join(tmpdir(), 'gatehouse-test-')), 'test.sqlite') }),
  };
}

export function postgresBackend(url: string): Backend {
  return {
    name: 'postgres',
    freshDatabase: () => {
      // Dropped at the end of the whole run (test/support/global-setup.ts), never while files run.
      const schema = `gh_test_${process.env.GATEHOUSE_TEST_RUN_ID ?? 'adhoc'}_${randomBytes(6).toString('hex')}`;
      return { url, schema };
    },
  };
}

export function testBackends(): Backend[] {
  const backends = [sqliteBackend()];
  const pgUrl = process.env.GATEHOUSE_TEST_DATABASE_URL;
  if (pgUrl) backends.push(postgresBackend(pgUrl));
  return backends;
}

/** Runs a suite once per backend, named "<name> [sqlite]" / "<name> [postgres]". */
export function describeEachBackend(name: string, suite: (backend: Backend) => void): void {
  for (const backend of testBackends()) {
    describe(`${name} [${backend.name}]`, () => suite(backend));
  }
}
