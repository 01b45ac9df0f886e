/**
 * The storage backends integration suites run on: SQLite always; PostgreSQL when
 * GATEHOUSE_TEST_DATABASE_URL is set. Each app gets its own SQLite file or PostgreSQL schema, so
 * runs (and tests) never see each other's rows.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, afterAll } from 'vitest';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty database: url plus the PostgreSQL schema to use. */
  freshDatabase(): { url: string; schema?: string };
}

const createdSchemas: string[] = [];

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
      const schema = `gh_test_${randomBytes(6).toString('hex')}`;
      createdSchemas.push(schema);
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

/** Drops the PostgreSQL schemas this test file created. */
async function dropCreatedSchemas(): Promise<void> {
  const url = process.env.GATEHOUSE_TEST_DATABASE_URL;
  if (!url || createdSchemas.length === 0) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const schema of createdSchemas.splice(0)) await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** Runs a suite once per backend, named "<name> [sqlite]" / "<name> [postgres]". */
export function describeEachBackend(name: string, suite: (backend: Backend) => void): void {
  for (const backend of testBackends()) {
    describe(`${name} [${backend.name}]`, () => suite(backend));
  }
  afterAll(dropCreatedSchemas);
}
