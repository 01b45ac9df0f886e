/**
 * Table types shared by the SQLite and PostgreSQL dialects. Times are integer milliseconds since the
 * epoch in both (bigint columns, parsed to numbers); flags are 0/1 integers; lists are JSON text.
 */
import type { Generated, Kysely } from 'kysely';

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

/** Balances in integer minor units (1e-8 of an asset): no floats anywhere. */
export interface BalancesTable {
  account_id: string;
  asset: string;
  available_minor: number;
  locked_minor: Generated<number>;
}

export interface WithdrawalsTable {
  id: string;
  account_id: string;
  asset: string;
  amount_minor: number;
  address: string;
  status: string;
  created_at: number;
}

/** Support tickets (src/tickets/). Filed without signing in, a ticket waits for its mailed link. */
export interface TicketsTable {
  id: string;
  /** Set when filed signed in, or when the confirmed address belongs to an account. */
  account_id: string | null;
  email: string;
  category: string;
  error_code: number | null;
  device_model: string | null;
  occurred_at: number | null;
  /** 'en' | 'zh-CN': the language of the mails about this ticket (Accept-Language at filing). */
  locale: string;
  status: string;
  filed_ip: string;
  /** SHA-256 of the mailed confirmation token; the link works once, until confirm_expires_at. */
  confirm_token_hash: string | null;
  confirm_expires_at: number | null;
  /** SHA-256 of the requester's `Authorization: Ticket` token. */
  access_token_hash: string | null;
  created_at: number;
  confirmed_at: number | null;
  due_at: number | null;
  updated_at: number;
  /** Set on resolve or close; evidence is deleted a retention period after it. */
  closed_at: number | null;
  /** JSON {action, at, by}. */
  resolution: string | null;
}

export interface TicketMessagesTable {
  id: string;
  ticket_id: string;
  /** 'requester' | 'staff' */
  author: string;
  author_email: string;
  body: string;
  created_at: number;
}

/** Uploaded images: the bytes are files under dataDir/support/ named by storage_name, never by the client. */
export interface TicketFilesTable {
  id: string;
  ticket_id: string;
  message_id: string;
  /** 'attachment' | 'id_photo' | 'selfie' (the last two are identity evidence, staff only, sealed). */
  kind: string;
  /** From the bytes (sniffed), never from the client. */
  media_type: string;
  size_bytes: number;
  storage_name: string;
  /** 1 when the file is sealed with the evidence key. */
  sealed: number;
  created_at: number;
  deleted_at: number | null;
}

/** A ticket's status history. */
export interface TicketEventsTable {
  id: string;
  ticket_id: string;
  at: number;
  from_status: string | null;
  to_status: string;
  /** 'requester', a staff email, 'cli' or 'system'. */
  actor: string;
}

/** Second-factor resets approved by staff, waiting out their hold (src/recovery/two-factor-reset.ts). */
export interface TwoFactorResetsTable {
  id: string;
  account_id: string;
  ticket_id: string | null;
  /** 'scheduled' | 'cancelled' | 'done' */
  status: string;
  requested_by: string;
  locale: string;
  /** SHA-256 of the mailed cancel token. */
  cancel_token_hash: string;
  created_at: number;
  due_at: number;
  cancelled_at: number | null;
  done_at: number | null;
}

/** Signed-API keys (HMAC_SHA256 or ED25519); revoked keys stay for the audit trail. */
export interface ApiKeysTable {
  id: string;
  account_id: string;
  label: string;
  type: string;
  /** SHA-256 hex of the API key: the lookup, so the table never holds a usable key string. */
  key_hash: string;
  /** First characters of the API key, to tell keys apart in lists. */
  key_prefix: string;
  /** HMAC secret, AES-256-GCM under the api-keys subkey, bound to the key id. */
  secret_enc: string | null;
  /** Ed25519 public key, SPKI PEM. */
  public_key: string | null;
  /** JSON array: "READ", "TRADE". */
  permissions: string;
  /** JSON array of IPs/CIDRs; [] = any address. */
  ip_whitelist: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** Signed-API orders; amounts in integer minor units (10^-8). Matching is out of scope. */
export interface SpotOrdersTable {
  /** Binance orderId: assigned by the database. */
  id: Generated<number>;
  account_id: string;
  api_key_id: string;
  symbol: string;
  side: string;
  type: string;
  time_in_force: string | null;
  price_minor: number;
  orig_qty_minor: number;
  orig_quote_qty_minor: number;
  /** NEW (resting), CANCELED, EXPIRED. */
  status: string;
  client_order_id: string;
  /** What the order locked while NEW (quote for BUY, base for SELL); 0 for orders that never rested. */
  locked_asset: string;
  locked_minor: number;
  created_at: number;
  updated_at: number;
}

/** Staff credits waiting for (or decided by) a second admin: 'pending' | 'approved' | 'rejected'. */
export interface BalanceCreditsTable {
  id: string;
  account_id: string;
  asset: string;
  amount_minor: number;
  reason: string;
  requested_by_id: string;
  requested_by_email: string;
  status: string;
  created_at: number;
  decided_by_email: string | null;
  decided_at: number | null;
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
