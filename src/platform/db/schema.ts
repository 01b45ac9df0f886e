/**
 * Table types shared by the SQLite and PostgreSQL dialects. Times are integer milliseconds since the
 * epoch in both (bigint columns, parsed to numbers); flags are 0/1 integers; lists are JSON text.
 */
import type { Generated, Kysely } from 'kysely';
import type { ApiKeysTable, BalanceCreditsTable, BalancesTable, SpotOrdersTable, WithdrawalsTable } from './schema-money.js';
import type { TicketEventsTable, TicketFilesTable, TicketMessagesTable, TicketsTable, TwoFactorResetsTable } from './schema-support.js';

export type * from './schema-money.js';
export type * from './schema-support.js';

export interface AccountsTable {
  id: string;
  email: string;
  password_hash: string;
  email_verified_at: number | null;
  /** Comma-separated roles: '' for users, 'support', 'admin', 'support,admin'. */
  roles: string;
  kyc_country: string | null;
  frozen_type: string | null;
  frozen_at: number | null;
  security_hold_until: number | null;
  password_changed_at: number;
  created_at: number;
  /** While in the future, sign-ins from devices new to the account need email confirmation. */
  confirm_new_devices_until: number | null;
  /** Region-hopping cool-down: logins answer 4001 region_hopping until then. */
  region_hop_until: number | null;
  frozen_reason: string | null;
  /** Language of the account's mails: 'en' or 'zh-CN'. */
  locale: Generated<string>;
}

export interface PasswordHistoryTable {
  id: string;
  account_id: string;
  password_hash: string;
  retired_at: number;
}

export interface EmailCodesTable {
  id: string;
  email: string;
  purpose: string;
  code_hash: string;
  /** For a registration: the password hash the verifying person chose (binds code to password). */
  password_hash: string | null;
  attempts: Generated<number>;
  expires_at: number;
  consumed_at: number | null;
  created_at: number;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  account_id: string;
  device_id: string | null;
  kind: string;
  ip: string;
  created_at: number;
  last_seen_at: number;
  absolute_expires_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
}

export interface DevicesTable {
  id: string;
  account_id: string;
  device_key: string;
  name: string;
  user_agent: string;
  first_seen_at: number;
  last_seen_at: number;
  last_ip: string;
  last_country: string | null;
  trusted: Generated<number>;
}

export interface LoginAttemptsTable {
  id: string;
  account_id: string;
  at: number;
  ip: string;
  country: string | null;
  device_id: string | null;
  device_name: string;
  result_code: number | null;
  result_reason: string | null;
  /** JSON array of strings. */
  flags: string;
  risk_score: number | null;
  /** The client's device key (also for devices not yet known to the account). */
  device_key: string | null;
}

export interface OutboxTable {
  id: string;
  recipient: string;
  channel: string;
  subject: string;
  body: string;
  created_at: number;
  /** Set once an SMTP/SMS provider accepted it; the body is then purged (it may hold a code). */
  sent_at: number | null;
  /** The HTML part (null: text only). */
  html: string | null;
  attempts: Generated<number>;
  next_attempt_at: number;
  last_error: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface AuditLogTable {
  id: string;
  at: number;
  actor_id: string | null;
  actor_email: string;
  action: string;
  target: string | null;
  /** JSON object. */
  detail: string;
  /** Where the actor acted from (null for the command line and the server's own sweeps). */
  ip: Generated<string | null>;
  /** The account the action concerns, for filtering (null for settings). */
  account_id: Generated<string | null>;
  /** JSON: the state before and after the change, where there is one. */
  before_state: Generated<string | null>;
  after_state: Generated<string | null>;
}

/** A login paused for a further step (device confirmation now; the second factor later). */
export interface LoginChallengesTable {
  /** 128 random bits: the poll handle, known only to whoever passed the password. */
  id: string;
  account_id: string;
  kind: string;
  audience: string;
  device_key: string;
  device_name: string;
  user_agent: string;
  ip: string;
  flags: string;
  /** SHA-256 of the emailed confirmation token. */
  token_hash: string | null;
  created_at: number;
  expires_at: number;
  confirmed_at: number | null;
  completed_at: number | null;
  /** JSON array of the second-factor methods offered (2FA challenges). */
  methods: Generated<string>;
  failed_attempts: Generated<number>;
  /** The pipeline (src/flows/pipelines.ts) and the step it paused at. */
  flow: Generated<string>;
  step: string | null;
  /** IP country of the step that started the flow. */
  country: string | null;
  risk_score: number | null;
  /** JSON: what the flow carries on to its later steps (e.g. a password reset's new hash). */
  payload: Generated<string>;
}

export interface TwoFactorTable {
  account_id: string;
  /** AES-256-GCM under the TOTP subkey; never leaves the server after setup. */
  totp_secret_enc: string | null;
  totp_enabled_at: number | null;
  /** The last accepted 30-second step: a code is accepted once, and never an older one after it. */
  totp_last_step: number | null;
  totp_pending_secret_enc: string | null;
  totp_pending_at: number | null;
  email_enabled_at: number | null;
  sms_phone: string | null;
  sms_pending_phone: string | null;
  sms_enabled_at: number | null;
  /** The last code seen ahead of the clock: its offset in steps and the step it matched. */
  totp_skew_offset: number | null;
  totp_skew_step: number | null;
}

/** TOTP steps that matched a code submitted ahead of the clock: never accepted later. */
export interface TotpBurnedStepsTable {
  account_id: string;
  step: number;
  created_at: number;
}

/** Security notices collapsed per account, kind and window. */
export interface NoticeThrottleTable {
  account_id: string;
  kind: string;
  sent_at: number;
  /** Notices left unsent since `sent_at`. */
  suppressed: Generated<number>;
  /** How many were left unsent before the latest one that went out (told in it). */
  carried: Generated<number>;
}

/** "Forgot password" links: 256-bit tokens stored as SHA-256, 30 minutes, single use. */
export interface PasswordResetTokensTable {
  token_hash: string;
  account_id: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface BackupCodesTable {
  id: string;
  account_id: string;
  code_hash: string;
  created_at: number;
  used_at: number | null;
}

export interface RiskDecisionsTable {
  id: string;
  account_id: string;
  at: number;
  /** 'login' | 'withdrawal' */
  context: string;
  score: number;
  /** 'allow' | 'confirm_device' | 'freeze' | 'deny' */
  action: string;
  /** JSON [{rule, score, explanation}] */
  signals: string;
}

/** One-click "disable my account" links in security notices. */
export interface DisableTokensTable {
  token_hash: string;
  account_id: string;
  expires_at: number;
  used_at: number | null;
}

/** Where an account signed in successfully: network (/16, /48) and country ('' when none), with the latest time. */
export interface LoginFootprintTable {
  account_id: string;
  network: string;
  country: string;
  last_success_at: number;
}

export interface Database {
  login_footprint: LoginFootprintTable;
  balance_credits: BalanceCreditsTable;
  totp_burned_steps: TotpBurnedStepsTable;
  notice_throttle: NoticeThrottleTable;
  password_reset_tokens: PasswordResetTokensTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  ticket_files: TicketFilesTable;
  ticket_events: TicketEventsTable;
  two_factor_resets: TwoFactorResetsTable;
  api_keys: ApiKeysTable;
  spot_orders: SpotOrdersTable;
  risk_decisions: RiskDecisionsTable;
  disable_tokens: DisableTokensTable;
  balances: BalancesTable;
  withdrawals: WithdrawalsTable;
  two_factor: TwoFactorTable;
  backup_codes: BackupCodesTable;
  login_challenges: LoginChallengesTable;
  accounts: AccountsTable;
  password_history: PasswordHistoryTable;
  email_codes: EmailCodesTable;
  sessions: SessionsTable;
  devices: DevicesTable;
  login_attempts: LoginAttemptsTable;
  outbox: OutboxTable;
  settings: SettingsTable;
  audit_log: AuditLogTable;
}

export type Db = Kysely<Database>;
