/**
 * One validated configuration: built-in defaults, then an optional JSON file (GATEHOUSE_CONFIG),
 * then environment variables. Any bad value stops start-up with a message that names the variable
 * or the file field, so an operator never runs with a silently ignored setting.
 */
import { readFileSync } from 'node:fs';
import { Value } from '@sinclair/typebox/value';
import { isValidCidr } from './limits/client-ip.js';
import { assertValidWebhookUrl } from './platform/sms/webhook-delivery.js';
import { ConfigSchema, type Config } from './config-schema.js';
import { DEFAULT_CONFIG } from './config-defaults.js';

export { ConfigSchema, type Config, DEFAULT_CONFIG };
import { checkSignedApiConfig } from './signed-api/config-schema.js';

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
  GATEHOUSE_METRICS_TOKEN: { path: ['metricsToken'], parse: asNullableString },
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

/** A guessable token would not protect /metrics. */
const MIN_METRICS_TOKEN_LENGTH = 16;

function checkCrossFieldRules(config: Config, envPathToVar: Map<string, string> = new Map(), env: NodeJS.ProcessEnv = {}): void {
  if (config.passwords.minLength > config.passwords.maxLength) {
    throw new ConfigError('configuration field "passwords.minLength" must not exceed passwords.maxLength');
  }
  if (config.sessions.idleTimeoutSeconds > config.sessions.absoluteTimeoutSeconds) {
    throw new ConfigError('configuration field "sessions.idleTimeoutSeconds" must not exceed sessions.absoluteTimeoutSeconds');
  }
  if (config.metricsToken !== null && config.metricsToken.length < MIN_METRICS_TOKEN_LENGTH) {
    const variable = envPathToVar.get('metricsToken');
    const origin = variable && env[variable] !== undefined ? variable : 'configuration field "metricsToken"';
    throw new ConfigError(`${origin}: must be at least ${MIN_METRICS_TOKEN_LENGTH} characters (e.g. openssl rand -hex 32)`);
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
