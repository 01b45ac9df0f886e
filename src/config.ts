/**
 * One validated configuration: built-in defaults, then an optional JSON file (GATEHOUSE_CONFIG),
 * then environment variables. Any bad value stops start-up with a message that names the variable
 * or the file field, so an operator never runs with a silently ignored setting.
 */
import { readFileSync } from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

const Argon2Schema = Type.Object({
  memoryKiB: Type.Integer({ minimum: 8192, maximum: 4_194_304 }),
  iterations: Type.Integer({ minimum: 1, maximum: 20 }),
  parallelism: Type.Integer({ minimum: 1, maximum: 16 }),
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
    smtpUrl: Type.Union([Type.String({ pattern: '^smtps?://' }), Type.Null()]),
    mailFrom: Type.String({ minLength: 3 }),
    /** 32 bytes as 64 hex chars; null: generated into dataDir on first start. */
    secretKey: Type.Union([Type.String({ pattern: '^[0-9a-fA-F]{64}$' }), Type.Null()]),
    /** Trusted proxy addresses/CIDRs whose X-Forwarded-For hop is believed. */
    trustProxy: Type.Array(Type.String({ minLength: 1 })),
    geoipDb: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
    dev: Type.Boolean(),
    logLevel: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
    sessions: Type.Object({
      idleTimeoutSeconds: Type.Integer({ minimum: 60, maximum: 2_592_000 }),
      absoluteTimeoutSeconds: Type.Integer({ minimum: 300, maximum: 31_536_000 }),
    }),
    passwords: Type.Object({
      argon2: Argon2Schema,
      minLength: Type.Integer({ minimum: 8, maximum: 128 }),
      maxLength: Type.Integer({ minimum: 8, maximum: 1024 }),
      /** Concurrent argon2 operations; more only queues inside libuv. */
      hashConcurrency: Type.Integer({ minimum: 1, maximum: 64 }),
    }),
    verification: Type.Object({
      codeTtlSeconds: Type.Integer({ minimum: 60, maximum: 86_400 }),
      maxAttempts: Type.Integer({ minimum: 1, maximum: 20 }),
    }),
    http: Type.Object({
      bodyLimitBytes: Type.Integer({ minimum: 1024, maximum: 50 * 1024 * 1024 }),
    }),
    geo: Type.Object({
      overrides: Type.Record(Type.String(), Type.String({ pattern: '^[A-Z]{2}$' })),
    }),
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
  smtpUrl: null,
  mailFrom: 'Gatehouse <no-reply@localhost>',
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
    hashConcurrency: 4,
  },
  verification: { codeTtlSeconds: 600, maxAttempts: 5 },
  http: { bodyLimitBytes: 1024 * 1024 },
  geo: { overrides: {} },
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
  if (fromEnv.sessions && (fromEnv as Config).sessions.idleTimeoutSeconds > (fromEnv as Config).sessions.absoluteTimeoutSeconds) {
    throw new ConfigError('configuration field "sessions.idleTimeoutSeconds" must not exceed sessions.absoluteTimeoutSeconds');
  }
  return fromEnv as Config;
}

/** A config for tests and tools: defaults with overrides, validated the same way. */
export function buildConfig(overrides: Partial<Config> = {}): Config {
  const merged = deepMerge(structuredClone(DEFAULT_CONFIG), overrides);
  if (!Value.Check(ConfigSchema, merged)) {
    throw new ConfigError(describeProblem(merged, (path) => `configuration field "${path}"`));
  }
  return merged as Config;
}
