/**
 * The configuration's schema: every setting, its type and its bounds. Objects refuse unknown fields
 * at every level, so a typo never silently falls back to a default. Loaded by config.ts.
 */
import { Type, type Static, type TProperties, type TSchema, type TString } from '@sinclair/typebox';
import { RegionPolicySchema } from './region/policy.js';
import { SignedApiConfigSchema } from './signed-api/config-schema.js';

/** Config objects refuse unknown fields at every level, so a typo never silently falls back to a default. */
const Strict = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });
/**
 * A map keyed by asset symbol. A key that misses the pattern (say `btc` for `BTC`) is an error, not
 * a silently ignored line: a typo in a risk or approval threshold must not switch it off.
 */
const AssetMap = <K extends TString, V extends TSchema>(key: K, value: V) => Type.Record(key, value, { additionalProperties: false });

const Argon2Schema = Strict({
  memoryKiB: Type.Integer({ minimum: 8192, maximum: 4_194_304 }),
  iterations: Type.Integer({ minimum: 1, maximum: 20 }),
  parallelism: Type.Integer({ minimum: 1, maximum: 16 }),
});

const BlockPolicySchema = Strict({
  failures: Type.Integer({ minimum: 1 }),
  windowSeconds: Type.Integer({ minimum: 1 }),
  blockSeconds: Type.Integer({ minimum: 1 }),
});

export const ConfigSchema = Type.Object(
  {
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    /** Address to listen on: loopback by default; containers and remote access set 0.0.0.0 or ::. */
    host: Type.String({ minLength: 1 }),
    /** Base URL users reach the server at; used in mailed links. */
    publicUrl: Type.String({ pattern: '^https?://' }),
    dataDir: Type.String({ minLength: 1 }),
    /** null: a SQLite file in dataDir. */
    databaseUrl: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
    redisUrl: Type.Union([Type.String({ pattern: '^rediss?://' }), Type.Null()]),
    /** Prefix of every Redis key, so several deployments can share one Redis. */
    redisKeyPrefix: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,40}$' }),
    smtpUrl: Type.Union([Type.String({ pattern: '^smtps?://' }), Type.Null()]),
    mailFrom: Type.String({ minLength: 3 }),
    /** SMS provider webhook (POST JSON {to, text, messageId}); null: SMS stay in the outbox. */
    smsWebhookUrl: Type.Union([Type.String({ pattern: '^https?://' }), Type.Null()]),
    /** Sent to the SMS webhook as `authorization: Bearer <token>`; null: no authorization header. */
    smsWebhookToken: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
    /** 32 bytes as 64 hex chars; null: generated into dataDir on first start. */
    secretKey: Type.Union([Type.String({ pattern: '^[0-9a-fA-F]{64}$' }), Type.Null()]),
    /** Trusted proxy addresses/CIDRs whose X-Forwarded-For hop is believed. */
    trustProxy: Type.Array(Type.String({ minLength: 1 })),
    geoipDb: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
    /** When set, GET /metrics needs `Authorization: Bearer <token>`; null: open (keep it off the public network). */
    metricsToken: Type.Union([Type.String(), Type.Null()]),
    dev: Type.Boolean(),
    logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
    sessions: Strict({
      idleTimeoutSeconds: Type.Integer({ minimum: 60, maximum: 2_592_000 }),
      absoluteTimeoutSeconds: Type.Integer({ minimum: 300, maximum: 31_536_000 }),
    }),
    passwords: Strict({
      argon2: Argon2Schema,
      minLength: Type.Integer({ minimum: 8, maximum: 128 }),
      maxLength: Type.Integer({ minimum: 8, maximum: 1024 }),
    }),
    verification: Strict({
      codeTtlSeconds: Type.Integer({ minimum: 60, maximum: 86_400 }),
      maxAttempts: Type.Integer({ minimum: 1, maximum: 20 }),
    }),
    http: Strict({
      bodyLimitBytes: Type.Integer({ minimum: 1024, maximum: 50 * 1024 * 1024 }),
    }),
    geo: Strict({
      overrides: Type.Record(Type.String(), Type.String({ pattern: '^[A-Z]{2}$' })),
    }),
    limits: Strict({
      /** Failures per client IP and account (email), then a block. */
      ipAccount: BlockPolicySchema,
      /** Failures per client IP across all accounts, then a block. */
      ip: BlockPolicySchema,
      /** Verification-code failures per client IP (and per IP and address). */
      codes: BlockPolicySchema,
      /** Raw request budget per client IP on the credential endpoints. */
      authRequests: Strict({ requests: Type.Integer({ minimum: 1 }), windowSeconds: Type.Integer({ minimum: 1 }) }),
      /** Failures per account across all IPs; reaching it forces email device confirmation, never a lockout. */
      account: Strict({
        failures: Type.Integer({ minimum: 1 }),
        windowSeconds: Type.Integer({ minimum: 60 }),
        confirmDevicesForSeconds: Type.Integer({ minimum: 60 }),
      }),
      escalation: Strict({
        maxBlockSeconds: Type.Integer({ minimum: 60 }),
        memorySeconds: Type.Integer({ minimum: 60 }),
        hammerAttempts: Type.Integer({ minimum: 1 }),
      }),
      /** Second-factor failures per account across all IPs and challenges; past it, 1003 account_2fa_rate_limit. */
      secondFactor: Strict({ failures: Type.Integer({ minimum: 1 }), windowSeconds: Type.Integer({ minimum: 60 }) }),
      /** Second-factor challenges and code sends per account (1003 account_rate_limit past either). */
      accountChallenges: Strict({ requests: Type.Integer({ minimum: 1 }), windowSeconds: Type.Integer({ minimum: 60 }) }),
      accountCodeSends: Strict({ requests: Type.Integer({ minimum: 1 }), windowSeconds: Type.Integer({ minimum: 60 }) }),
      /** "Forgot password" mails per address and per client IP and hour (beside the 60 s cooldown per address). */
      passwordResets: Strict({ perEmail: Type.Integer({ minimum: 1 }), perIp: Type.Integer({ minimum: 1 }) }),
      /** 0 turns the cooldown off (tests). */
      sendCooldownSeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
      /** CIDRs exempt from the per-IP limits (per-account limits still apply). */
      allowList: Type.Array(Type.String({ minLength: 1 })),
      /** Bound on tracked keys in process memory (LRU). */
      memoryMaxKeys: Type.Integer({ minimum: 1000 }),
    }),
    /** Security notices: repeated kinds (failed second factors) go out once per account and window. */
    notices: Strict({ collapseSeconds: Type.Integer({ minimum: 0, maximum: 86_400 }) }),
    /** Password recovery ("forgot password"): how long a mailed link works. */
    recovery: Strict({ resetTokenTtlSeconds: Type.Integer({ minimum: 300, maximum: 86_400 }) }),
    /** Region policy (4001): ordered rules and hopping detection; admins can replace it at run time. */
    regionPolicy: RegionPolicySchema,
    /** Risk engine: per-rule scores and the thresholds that map a total to an action. */
    risk: Strict({
      confirmDeviceScore: Type.Integer({ minimum: 1 }),
      freezeScore: Type.Integer({ minimum: 1 }),
      scores: Strict({
        newDevice: Type.Integer({ minimum: 0 }),
        newCountry: Type.Integer({ minimum: 0 }),
        fingerprintChange: Type.Integer({ minimum: 0 }),
        abnormalIp: Type.Integer({ minimum: 0 }),
        regionHopping: Type.Integer({ minimum: 0 }),
        largeWithdrawal: Type.Integer({ minimum: 0 }),
        largeWithdrawalAbsolute: Type.Integer({ minimum: 0 }),
        dailyWithdrawal: Type.Integer({ minimum: 0 }),
      }),
      /** A withdrawal this many times the account's 30-day average is "large". */
      largeWithdrawalMultiple: Type.Number({ minimum: 1 }),
      /** Per-asset amounts (decimal strings) above which any withdrawal counts as large. */
      largeWithdrawalAbsolute: AssetMap(Type.String({ pattern: '^[A-Z0-9]{2,10}$' }), Type.String({ pattern: '^[0-9]{1,18}(\\.[0-9]{1,8})?$' })),
    }),
    /** Support desk: tickets, uploads, identity evidence and the scheduled 2FA reset (docs/configuration.md). */
    support: Strict({
      /** A ticket's expected response time, in working days (Saturdays and Sundays skipped, UTC). */
      responseWorkingDays: Type.Integer({ minimum: 1, maximum: 30 }),
      /** How long the emailed confirmation link of a ticket filed without signing in works. */
      confirmLinkTtlHours: Type.Integer({ minimum: 1, maximum: 168 }),
      /** Images per message (files named `attachments`). */
      maxAttachments: Type.Integer({ minimum: 0, maximum: 10 }),
      /** Size limit of each uploaded image, attachments and identity evidence alike. */
      maxFileBytes: Type.Integer({ minimum: 1024, maximum: 20 * 1024 * 1024 }),
      /** Multipart uploads this process reads at once (each holds its images in memory); more get 1003 overloaded. */
      maxConcurrentUploads: Type.Integer({ minimum: 1, maximum: 1000 }),
      /** Tickets filed per client IP per hour (signed in or not); more get 1003 ip_rate_limit. */
      filingPerIpPerHour: Type.Integer({ minimum: 1 }),
      /** Confirmation mails per address per day; more get 1003 send_cooldown. */
      confirmMailsPerEmailPerDay: Type.Integer({ minimum: 1 }),
      /** Messages a requester can add to one ticket per hour. */
      messagesPerTicketPerHour: Type.Integer({ minimum: 1 }),
      /** A scheduled 2FA reset takes effect this long after staff approve it (the owner can cancel meanwhile). */
      twoFactorResetHoldHours: Type.Integer({ minimum: 1, maximum: 720 }),
      /** Identity evidence (ID photo, selfie) is deleted this many days after its ticket is resolved or closed. */
      evidenceRetentionDays: Type.Integer({ minimum: 0, maximum: 3650 }),
      /** How often the server runs the support sweeps (due 2FA resets, evidence deletion, expired tickets). */
      sweepIntervalSeconds: Type.Integer({ minimum: 5, maximum: 3600 }),
    }),
    admission: Strict({
      /** Logins hashing at once; 0 means one per CPU core. */
      hashConcurrency: Type.Integer({ minimum: 0, maximum: 64 }),
      /** Unknown-device logins allowed to wait for a hashing slot; more are shed with 1003 overloaded. */
      maxQueued: Type.Integer({ minimum: 0 }),
      /** Known-device logins allowed to wait (the priority lane). */
      priorityMaxQueued: Type.Integer({ minimum: 1 }),
      overloadRetryAfterSeconds: Type.Integer({ minimum: 1, maximum: 60 }),
      /**
       * Nice value of the threads that hash for unknown devices and registrations (Linux; 0 = no
       * separate threads). Under CPU contention known devices' hashes and the event loop go first.
       */
      normalLaneNice: Type.Integer({ minimum: 0, maximum: 19 }),
      /** An early-shed login's 1003 overloaded is held this long before it is sent (0 = at once). */
      shedDelayMs: Type.Integer({ minimum: 0, maximum: 5000 }),
      /** Held refusals sent per second at most (oldest first), both login doors together. */
      shedMaxPerSecond: Type.Integer({ minimum: 1 }),
      /** Refusals held at once; past it they are sent at once. */
      maxHeldSheds: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
      /**
       * While a priority-lane password check runs (a known device's login, a signed-in user's
       * re-authentication), refusals wait for it to end, at most this long (0 = never): a
       * closed-loop flood pauses and the check gets the CPU.
       */
      priorityYieldMs: Type.Integer({ minimum: 0, maximum: 5000 }),
    }),
    /** Staff powers with a second pair of eyes: balance credits above a per-asset line ("*": any other asset). */
    staff: Strict({
      creditApprovalAbove: AssetMap(Type.String({ pattern: '^([A-Z0-9]{2,10}|\\*)$' }), Type.String({ pattern: '^[0-9]{1,16}(\\.[0-9]{1,8})?$' })),
    }),
    /** The Binance-compatible signed API (/api/v3): symbols, limits, bans, keys per account. */
    signedApi: SignedApiConfigSchema,
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;
