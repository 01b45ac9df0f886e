import type { Kysely, Migration } from 'kysely';

export const m0005HistoryByTime: Migration = {
  async up(db: Kysely<unknown>) {
    // The risk engine reads an account's recent history by time.
    await db.schema.createIndex('login_attempts_account_at').on('login_attempts').columns(['account_id', 'at']).execute();
  },
};
