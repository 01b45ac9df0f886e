import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadConfig } from './config.js';

function configFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'gh-config-')), 'config.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe('./data');
    expect(config.passwords.argon2).toEqual({ memoryKiB: 19456, iterations: 2, parallelism: 1 });
    expect(config.sessions).toEqual({ idleTimeoutSeconds: 1800, absoluteTimeoutSeconds: 86400 });
  });

  it('layers the JSON file over defaults and the environment over the file', () => {
    const file = configFile({ port: 9000, sessions: { idleTimeoutSeconds: 600 }, geo: { overrides: { '10.0.0.0/8': 'DE' } } });
    const config = loadConfig({ GATEHOUSE_CONFIG: file, GATEHOUSE_PORT: '9100', GATEHOUSE_TRUST_PROXY: '10.0.0.1, 10.1.0.0/16', GATEHOUSE_DEV: '1' });
    expect(config.port).toBe(9100);
    expect(config.sessions).toEqual({ idleTimeoutSeconds: 600, absoluteTimeoutSeconds: 86400 });
    expect(config.geo.overrides).toEqual({ '10.0.0.0/8': 'DE' });
    expect(config.trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(config.dev).toBe(true);
  });

  it.each([
    [{ GATEHOUSE_PORT: 'eighty' }, /GATEHOUSE_PORT/],
    [{ GATEHOUSE_PORT: '70000' }, /GATEHOUSE_PORT/],
    [{ GATEHOUSE_DEV: 'maybe' }, /GATEHOUSE_DEV/],
    [{ GATEHOUSE_SECRET_KEY: 'short' }, /GATEHOUSE_SECRET_KEY/],
    [{ GATEHOUSE_REDIS_URL: 'http://localhost' }, /GATEHOUSE_REDIS_URL/],
    [{ GATEHOUSE_SMTP_URL: 'mail.example.com' }, /GATEHOUSE_SMTP_URL/],
    [{ GATEHOUSE_LOG_LEVEL: 'loud' }, /GATEHOUSE_LOG_LEVEL/],
    [{ GATEHOUSE_PUBLIC_URL: 'example.com' }, /GATEHOUSE_PUBLIC_URL/],
  ])('stops on a bad environment value and names the variable: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('names the file and field for a bad file value, and refuses unknown fields', () => {
    expect(() => loadConfig({ GATEHOUSE_CONFIG: configFile({ sessions: { idleTimeoutSeconds: 'long' } }) })).toThrow(
      /GATEHOUSE_CONFIG .* field "sessions.idleTimeoutSeconds"/,
    );
    expect(() => loadConfig({ GATEHOUSE_CONFIG: configFile({ prot: 80 }) })).toThrow(/GATEHOUSE_CONFIG/);
    expect(() => loadConfig({ GATEHOUSE_CONFIG: configFile('{not json') })).toThrow(/GATEHOUSE_CONFIG: cannot read JSON/);
    expect(() => loadConfig({ GATEHOUSE_CONFIG: '/nonexistent/gatehouse.json' })).toThrow(/GATEHOUSE_CONFIG/);
  });

  it('refuses an asset key that does not match the symbol pattern instead of ignoring the line', () => {
    expect(() => loadConfig({ GATEHOUSE_CONFIG: configFile({ staff: { creditApprovalAbove: { btc: '1' } } }) })).toThrow(/creditApprovalAbove/);
    expect(() => loadConfig({ GATEHOUSE_CONFIG: configFile({ risk: { largeWithdrawalAbsolute: { eth: '10' } } }) })).toThrow(/largeWithdrawalAbsolute/);
    expect(loadConfig({ GATEHOUSE_CONFIG: configFile({ staff: { creditApprovalAbove: { BTC: '2' } } }) }).staff.creditApprovalAbove).toMatchObject({
      BTC: '2',
    });
  });

  it('refuses an idle timeout longer than the absolute one', () => {
    const file = configFile({ sessions: { idleTimeoutSeconds: 7200, absoluteTimeoutSeconds: 3600 } });
    expect(() => loadConfig({ GATEHOUSE_CONFIG: file })).toThrow(/idleTimeoutSeconds/);
  });
});
