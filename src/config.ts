/**
 * One validated configuration: built-in defaults, then an optional JSON file (GATEHOUSE_CONFIG),
 * then environment variables. Any bad value stops start-up with a message that names the variable
 * or the file field, so an operator never runs with a silently ignored setting.
 */
import { readFileSync } from 'node:fs';
import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { isValidCidr } from './limits/client-ip.js';
import { DEFAULT_REGION_POLICY, RegionPolicySchema } from './region/policy.js';
import { assertValidWebhookUrl } from './platform/sms/webhook-delivery.js';
import { DEFAULT_SIGNED_API, SignedApiConfigSchema, checkSignedApiConfig } from './signed-api/config-schema.js';

/** Config objects refuse unknown fields at every level, so a typo never silently falls back to a default. */
const Strict = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });

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
      /** 0 turns the cooldown off (tests). */
      sendCooldownSeconds: Type.Integer({ minimum: 0, maximum: 3600 }),
      /** CIDRs exempt from the per-IP limits (per-account limits still apply). */
      allowList: Type.Array(Type.String({ minLength: 1 })),
      /** Bound on tracked keys in process memory (LRU). */
      memoryMaxKeys: Type.Integer({ minimum: 1000 }),
    }),
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
      }),
      /** A withdrawal this many times the account's 30-day average is "large". */
      largeWithdrawalMultiple: Type.Number({ minimum: 1 }),
      /** Per-asset amounts (decimal strings) above which any withdrawal counts as large. */
      largeWithdrawalAbsolute: Type.Record(Type.String({ pattern: '^[A-Z0-9]{2,10}$' }), Type.String({ pattern: '^[0-9]{1,18}(\\.[0-9]{1,8})?$' })),
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
    /** The Binance-compatible signed API (/api/v3): symbols, limits, bans, keys per account. */
    signedApi: SignedApiConfigSchema,
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;

export const DEFAULT_CONFIG: Config = {
  port: 8080,
  host: '0.0.0.0',
  publicUrl: 'http://localhost:8080',
  dataDir: './data',
  databaseUrl: null,
  redisUrl: null,
  redisKeyPrefix: 'gatehouse',
  smtpUrl: null,
  mailFrom: 'Gatehouse <no-reply@localhost>',
  smsWebhookUrl: null,
  smsWebhookToken: null,
  secretKey: null,
  trustProxy: [],
  geoipDb: null,
  dev: false,
  logLevel: 'info',
  sessions: { idleTimeoutSeconds: 1800, absoluteTimeoutSeconds: 86_400 },
  passwords: {
    argon2: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
    minLength: 8,
    maxLength: 128,
  },
  verification: { codeTtlSeconds: 600, maxAttempts: 5 },
  http: { bodyLimitBytes: 1024 * 1024 },
  geo: { overrides: {} },
  limits: {
    ipAccount: { failures: 5, windowSeconds: 3600, blockSeconds: 300 },
    ip: { failures: 20, windowSeconds: 600, blockSeconds: 600 },
    codes: { failures: 10, windowSeconds: 600, blockSeconds: 600 },
    authRequests: { requests: 60, windowSeconds: 60 },
    account: { failures: 100, windowSeconds: 3600, confirmDevicesForSeconds: 30 * 86_400 },
    escalation: { maxBlockSeconds: 86_400, memorySeconds: 86_400, hammerAttempts: 5 },
    sendCooldownSeconds: 60,
    allowList: [],
    memoryMaxKeys: 1_500_000,
  },
  regionPolicy: DEFAULT_REGION_POLICY,
  risk: {
    confirmDeviceScore: 40,
    freezeScore: 80,
    // new device + new country (45) asks for email confirmation; a known device abroad (35) does not.
    scores: { newDevice: 20, newCountry: 25, fingerprintChange: 40, abnormalIp: 10, regionHopping: 80, largeWithdrawal: 100, largeWithdrawalAbsolute: 50 },
    largeWithdrawalMultiple: 10,
    largeWithdrawalAbsolute: { BTC: '5', ETH: '100', USDT: '250000' },
  },
  admission: {
    hashConcurrency: 0,
    maxQueued: 8,
    priorityMaxQueued: 256,
    overloadRetryAfterSeconds: 2,
    normalLaneNice: 10,
    shedDelayMs: 250,
    shedMaxPerSecond: 1000,
    maxHeldSheds: 10_000,
    priorityYieldMs: 200,
  },
  signedApi: DEFAULT_SIGNED_API,
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type EnvParser = (raw: string, variable: string) => unknown;

const asString: EnvParser = (raw) => raw;
const asNullableString: EnvParser = (raw) => (raw === '' ? null : raw);
const asPort: EnvParser = (raw, variable) => {
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError(`${variable} must be a port number from 0 to 65535, got "${raw}"`);
  }
  return Number(raw);
};
const asBoolean: EnvParser = (raw, variable) => {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off', ''].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${variable} must be 1/0, true/false, yes/no or on/off, got "${raw}"`);
};
const asList: EnvParser = (raw) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Environment variable → config path and parser. */
const ENV_VARS: Record<string, { path: string[]; parse: EnvParser }> = {
  GATEHOUSE_PORT: { path: ['port'], parse: asPort },
  GATEHOUSE_HOST: { path: ['host'], parse: asString },
  GATEHOUSE_PUBLIC_URL: { path: ['publicUrl'], parse: asString },
  GATEHOUSE_DATA_DIR: { path: ['dataDir'], parse: asString },
  GATEHOUSE_DATABASE_URL: { path: ['databaseUrl'], parse: asNullableString },
  GATEHOUSE_REDIS_URL: { path: ['redisUrl'], parse: asNullableString },
  GATEHOUSE_SMTP_URL: { path: ['smtpUrl'], parse: asNullableString },
  GATEHOUSE_MAIL_FROM: { path: ['mailFrom'], parse: asString },
  GATEHOUSE_SMS_WEBHOOK_URL: { path: ['smsWebhookUrl'], parse: asNullableString },
  GATEHOUSE_SMS_WEBHOOK_TOKEN: { path: ['smsWebhookToken'], parse: asNullableString },
  GATEHOUSE_SECRET_KEY: { path: ['secretKey'], parse: asNullableString },
  GATEHOUSE_TRUST_PROXY: { path: ['trustProxy'], parse: asList },
  GATEHOUSE_GEOIP_DB: { path: ['geoipDb'], parse: asNullableString },
  GATEHOUSE_DEV: { path: ['dev'], parse: asBoolean },
  GATEHOUSE_LOG_LEVEL: { path: ['logLevel'], parse: asString },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    out[key] = key in base ? deepMerge(base[key], value) : value;
  }
  return out;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

function describeProblem(config: unknown, origin: (path: string) => string): string {
  const first = Value.Errors(ConfigSchema, config).First();
  if (!first) return 'invalid configuration';
  const path = first.path.replace(/^\//, '').replace(/\//g, '.');
  return `${origin(path)}: ${first.message}`;
}

/**
 * Builds the configuration from defaults, the optional JSON file and the environment.
 * Throws ConfigError naming the variable (or file field) at fault.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  let merged: unknown = structuredClone(DEFAULT_CONFIG);
  const file = env.GATEHOUSE_CONFIG;
  if (file) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(`GATEHOUSE_CONFIG: cannot read JSON from ${file}: ${(err as Error).message}`);
    }
    if (!isPlainObject(parsed)) throw new ConfigError(`GATEHOUSE_CONFIG: ${file} must hold a JSON object`);
    merged = deepMerge(merged, parsed);
    if (!Value.Check(ConfigSchema, merged)) {
      throw new ConfigError(describeProblem(merged, (path) => `GATEHOUSE_CONFIG (${file}) field "${path}"`));
    }
  }
  const fromEnv = merged as Record<string, unknown>;
  const envPathToVar = new Map<string, string>();
  for (const [variable, { path, parse }] of Object.entries(ENV_VARS)) {
    const raw = env[variable];
    envPathToVar.set(path.join('.'), variable);
    if (raw === undefined) continue;
    setPath(fromEnv, path, parse(raw.trim(), variable));
  }
  if (!Value.Check(ConfigSchema, fromEnv)) {
    throw new ConfigError(
      describeProblem(fromEnv, (path) => {
        const variable = envPathToVar.get(path);
        return variable && env[variable] !== undefined ? variable : `configuration field "${path}"`;
      }),
    );
  }
  checkCrossFieldRules(fromEnv as Config, envPathToVar, env);
  return fromEnv as Config;
}

function checkCrossFieldRules(config: Config, envPathToVar: Map<string, string> = new Map(), env: NodeJS.ProcessEnv = {}): void {
  if (config.passwords.minLength > config.passwords.maxLength) {
    throw new ConfigError('configuration field "passwords.minLength" must not exceed passwords.maxLength');
  }
  if (config.sessions.idleTimeoutSeconds > config.sessions.absoluteTimeoutSeconds) {
    throw new ConfigError('configuration field "sessions.idleTimeoutSeconds" must not exceed sessions.absoluteTimeoutSeconds');
  }
  if (config.smsWebhookUrl !== null) {
    try {
      assertValidWebhookUrl(config.smsWebhookUrl);
    } catch (err) {
      const variable = envPathToVar.get('smsWebhookUrl');
      const origin = variable && env[variable] !== undefined ? variable : 'configuration field "smsWebhookUrl"';
      throw new ConfigError(`${origin}: ${(err as Error).message}`);
    }
  }
  const signedApiProblem = checkSignedApiConfig(config.signedApi);
  if (signedApiProblem) throw new ConfigError(`configuration field "${signedApiProblem.field}": ${signedApiProblem.problem}`);
  for (const [field, list] of [
    ['trustProxy', config.trustProxy],
    ['limits.allowList', config.limits.allowList],
    ['geo.overrides', Object.keys(config.geo.overrides)],
  ] as const) {
    const bad = list.find((cidr) => !isValidCidr(cidr));
    if (bad !== undefined) {
      const variable = envPathToVar.get(field);
      const origin = variable && env[variable] !== undefined ? variable : `configuration field "${field}"`;
      throw new ConfigError(`${origin}: "${bad}" is not an IP address or CIDR`);
    }
  }
}

/** A config for tests and tools: defaults with overrides, validated the same way. */
export function buildConfig(overrides: Partial<Config> = {}): Config {
  const merged = deepMerge(structuredClone(DEFAULT_CONFIG), overrides);
  if (!Value.Check(ConfigSchema, merged)) {
    throw new ConfigError(describeProblem(merged, (path) => `configuration field "${path}"`));
  }
  checkCrossFieldRules(merged as Config);
  return merged as Config;
}
