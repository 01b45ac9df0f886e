/**
 * One id per test run. PostgreSQL test schemas carry it and are dropped once, after every file has
 * finished: dropping them per file raced with other files' migrations, whose catalog introspection
 * scans every schema in the database.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export default function setup() {
  const runId = randomBytes(4).toString('hex');
  process.env.GATEHOUSE_TEST_RUN_ID = runId;
  return async () => {
    const url = process.env.GATEHOUSE_TEST_DATABASE_URL;
    if (!url) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ nspname: string }>('select nspname from pg_namespace where nspname like $1', [`gh_test_${runId}_%`]);
      for (const { nspname } of rows) await client.query(`drop schema if exists ${nspname} cascade`);
    } finally {
      await client.end();
    }
  };
}
