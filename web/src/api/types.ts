/** Shapes of the API answers the app reads (docs/api.md). */

export type SecondFactorMethod = 'totp' | 'backup_code' | 'email' | 'sms';

export interface TwoFactorChallenge {
  id: string;
  expiresAt: string;
  methods: SecondFactorMethod[];
}

export type LoginAnswer =
  | { status: 'ok'; session: { expiresAt: string }; restrictions: string[] }
  | { status: '2fa_required'; challenge: TwoFactorChallenge }
  | { status: 'device_confirmation_required'; challenge: { id: string; expiresAt: string } };

export type ChallengePoll = { status: 'pending' } | LoginAnswer;

export interface SessionInfo {
  account: { id: string; email: string; roles: string[] };
  session: { id: string; kind: 'user' | 'staff'; deviceId: string | null; createdAt: string; expiresAt: string; idleExpiresAt: string };
  restrictions: string[];
}

export interface AccountView {
  id: string;
  email: string;
  kycCountry: string | null;
  roles: string[];
  twoFactor: { totp: boolean; email: boolean; sms: boolean; backupCodesRemaining: number };
  frozen: false | { type: string; at: string };
  restrictions: string[];
  securityHoldUntil: string | null;
}

export interface ApiKeyView {
  id: string;
  label: string;
  type: string;
  apiKeyPrefix: string;
  permissions: string[];
  ipWhitelist: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

/** The answer to a key creation: the only time the API key (and an HMAC key's secret) is shown. */
export interface ApiKeyCreated {
  id: string;
  apiKey: string;
  secretKey?: string;
  label: string;
  type: string;
  permissions: string[];
  ipWhitelist: string[];
  createdAt: string;
}

export interface HistoryItem {
  at: string;
  ip: string;
  country: string | null;
  device: { id: string | null; name: string };
  result: { code: number; reason: string | null } | null;
  flags: string[];
}

export interface HistoryPage {
  items: HistoryItem[];
  nextCursor: string | null;
}

export interface Device {
  id: string;
  name: string;
  firstSeenAt: string;
  lastSeenAt: string;
  lastIp: string | null;
  lastCountry: string | null;
  current: boolean;
  trusted: boolean;
}

export interface TotpSetup {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

export interface CatalogEntry {
  code: number;
  name: string;
  httpStatus: number;
  title: string;
  meaning: string;
  solution: string;
  steps: string[];
  faq: { q: string; a: string }[];
  reasons: { reason: string; msg: string }[];
}

export interface OutboxItem {
  to: string;
  channel: 'email' | 'sms';
  subject: string;
  text: string;
  createdAt: string;
}

export interface StaffAccount {
  id: string;
  email: string;
  roles: string[];
  kycCountry: string | null;
  emailVerified: boolean;
  frozen: false | { type: string; at: string; reason: string | null };
  securityHoldUntil: string | null;
  createdAt: string;
}

export interface RiskDecision {
  id: string;
  at: string;
  context: string;
  score: number;
  action: string;
  signals: { rule: string; score: number; explanation: string }[];
}

export interface AccountContext {
  account: StaffAccount;
  riskDecisions: RiskDecision[];
  loginHistory: HistoryItem[];
  devices: Device[];
}

export interface MaintenanceState {
  enabled: boolean;
  message: string | null;
  until: string | null;
}

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  detail: unknown;
  before?: unknown;
  after?: unknown;
}

/** Support tickets (planned API; read defensively, fields may still move). */
export interface TicketMessage {
  id?: string;
  /** 'requester' or 'support'. */
  from?: string;
  body: string;
  createdAt?: string;
  attachments?: { id: string; kind?: string; mediaType?: string; sizeBytes?: number; deleted?: boolean }[];
}

export interface Ticket {
  id: string;
  status: string;
  category?: string;
  email?: string;
  errorCode?: number | string | null;
  deviceModel?: string | null;
  occurredAt?: string | null;
  description?: string;
  createdAt?: string;
  dueAt?: string | null;
  overdue?: boolean;
  expectedResponseWorkingDays?: number;
  messages?: TicketMessage[];
  /** Status changes, oldest first; `by` is the requester, "support" (a staff email for staff), or "system". */
  history?: { from: string | null; to: string; at: string; by: string }[];
  /** Whether the ID photo and selfie were asked for and are held (the files themselves reach staff only). */
  evidence?: { requested: boolean; idPhoto: boolean; selfie: boolean };
}

/** The staff view of one ticket: the ticket and the context of its account (null if none). */
export interface StaffTicketDetail {
  ticket: Ticket;
  account: StaffAccount | null;
  twoFactor: { totp: boolean; email: boolean; sms: boolean; backupCodesRemaining: number } | null;
  twoFactorResets: { id: string; status: string; scheduledFor: string; cancelledAt: string | null; doneAt: string | null }[];
  riskDecisions: RiskDecision[];
  loginHistory: HistoryItem[];
  devices: Device[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
