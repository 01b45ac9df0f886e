/**
 * No staff endpoint or CLI command can read or set a user's password or second-factor secret.
 *
 * Walks the route table (every registered /api/v1/admin route must be in the OpenAPI document, with
 * a 2xx response schema, so nothing unlisted leaves the server) and the documented schemas (no
 * request or response field names a credential), then calls every staff GET route for a user whose
 * password, TOTP secret, backup codes and session token are known, and checks none of them, nor
 * their stored forms, comes back. The staff door itself (/api/v1/admin/login*) takes the staff
 * member's own credentials and is left out.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from './support/backends.js';
import { GOOD_PASSWORD, bearer, createHarness, get, json, registerVerified, staffSession, type Harness } from './support/harness.js';
import { enableTotp } from './support/two-factor.js';
import { fileAndConfirm, screenshot, supportOverrides } from './support/multipart.js';
import { secretToBase32 } from '../src/twofactor/totp.js';
import { runCli } from '../src/cli.js';

const CREDENTIAL_FIELD = /pass(word|phrase)?$|password|secret|otpauth|seed|hash|totp_?code|backup_?codes?$|recovery_?code|private_?key/i;
const STAFF_DOOR = /^\/api\/v1\/admin\/login/;

type Schema = Record<string, unknown>;

/** Every registered route as [METHOD, /full/path/{param}], from Fastify's own route tree. */
function registeredRoutes(h: Harness): Array<[string, string]> {
  const stack: string[] = [];
  const routes: Array<[string, string]> = [];
  for (const line of h.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line);
    if (!match) continue;
    const depth = [...match[1]!].length / 4;
    stack.length = depth;
    stack.push(match[2]!);
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') routes.push([method, path]);
  }
  return routes;
}

function fieldNames(schema: unknown, components: Record<string, Schema>, seen = new Set<unknown>()): string[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
  seen.add(schema);
  const node = schema as Schema;
  if (typeof node.$ref === 'string') return fieldNames(components[node.$ref.split('/').pop()!], components, seen);
  const names = Object.keys((node.properties as Schema | undefined) ?? {});
  // an OpenAPI parameter (query, path, header) is named, not a property
  if (typeof node.in === 'string' && typeof node.name === 'string') names.push(node.name);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const item of value) names.push(...fieldNames(item, components, seen));
    else if (value && typeof value === 'object') names.push(...fieldNames(value, components, seen));
  }
  return names;
}

describeEachBackend('staff cannot read or set credentials', (backend) => {
  it('lists every staff route in the API document with a response schema, and none names a credential', async () => {
    const h = await createHarness(backend, supportOverrides());
    const doc = h.app.swagger() as unknown as { paths: Record<string, Record<string, Schema>>; components: { schemas: Record<string, Schema> } };
    const adminRoutes = registeredRoutes(h).filter(([, path]) => path.startsWith('/api/v1/admin') && !STAFF_DOOR.test(path));
    expect(adminRoutes.length).toBeGreaterThanOrEqual(15);
    const seen = new Set<string>();
    for (const [method, path] of adminRoutes) {
      const operation = doc.paths[path]?.[method.toLowerCase()];
      expect(operation, `${method} ${path} is in the API document`).toBeDefined();
      const responses = (operation!.responses ?? {}) as Record<string, Schema>;
      expect(
        Object.keys(responses).some((status) => status.startsWith('2')),
        `${method} ${path} has a 2xx response schema`,
      ).toBe(true);
      const names = fieldNames({ parameters: operation!.parameters, requestBody: operation!.requestBody, responses }, doc.components.schemas);
      const bad = names.filter((name) => CREDENTIAL_FIELD.test(name));
      expect(bad, `${method} ${path}`).toEqual([]);
      for (const name of names) seen.add(name);
    }
    // the walk reaches bodies, queries and nested responses (so the check above can fail)
    for (const name of ['identityVerified', 'kycCountry', 'cursor', 'backupCodesRemaining', 'signals', 'twoFactorResets']) expect(seen).toContain(name);
    expect(CREDENTIAL_FIELD.test('totp_secret_enc') && CREDENTIAL_FIELD.test('password_hash') && CREDENTIAL_FIELD.test('backupCodes')).toBe(true);
  });

  it('answers no staff GET route with a user’s password, TOTP secret, backup codes, token or their stored forms', async () => {
    const h = await createHarness(backend, supportOverrides());
    await registerVerified(h, 'victim@example.com');
    const { secret, backupCodes, token } = await enableTotp(h, 'victim@example.com');
    const { id: ticketId } = await fileAndConfirm(h, { email: 'victim@example.com', category: 'reset_2fa', description: 'lost phone' }, [
      screenshot(),
      { field: 'idPhoto', filename: 'id.png', bytes: screenshot().bytes },
    ]);
    const account = await h.deps.db.selectFrom('accounts').selectAll().where('email', '=', 'victim@example.com').executeTakeFirstOrThrow();
    const twoFactor = await h.deps.db.selectFrom('two_factor').selectAll().where('account_id', '=', account.id).executeTakeFirstOrThrow();
    const codeHashes = (await h.deps.db.selectFrom('backup_codes').select('code_hash').where('account_id', '=', account.id).execute()).map((r) => r.code_hash);
    const secrets = [
      GOOD_PASSWORD,
      account.password_hash,
      secretToBase32(secret),
      secret.toString('hex'),
      twoFactor.totp_secret_enc!,
      token,
      ...backupCodes,
      ...codeHashes,
    ];

    const admin = await staffSession(h, 'boss@example.com', 'admin');
    const files = json(await get(h, `/api/v1/admin/tickets/${ticketId}`, bearer(admin.token))).ticket.messages[0].attachments as Array<{ id: string }>;
    const ids: Record<string, string> = { id: account.id, fileId: files[0]!.id };
    const gets = registeredRoutes(h).filter(([method, path]) => method === 'GET' && path.startsWith('/api/v1/admin'));
    let checked = 0;
    for (const [, template] of gets) {
      const path = template.startsWith('/api/v1/admin/tickets/') ? template.replace('{id}', ticketId) : template;
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!) + (path === '/api/v1/admin/accounts' ? '?email=victim@example.com' : '');
      const response = await get(h, url, bearer(admin.token));
      expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(200);
      for (const value of secrets) expect(response.body.includes(value), `${url} leaks a credential`).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('has no command-line option that takes or prints a user’s password or 2FA secret', async () => {
    const lines: string[] = [];
    await runCli(['help'], (line) => lines.push(line), {});
    const usage = lines.join('\n');
    expect(usage).toContain('account reset-2fa');
    expect(usage).not.toMatch(/--(password|secret|totp|code|otp)\b/);
    // the only command that prints a password is the creation of a staff account (its own initial one)
    expect(usage.split('\n').filter((line) => /password/i.test(line))).toEqual([expect.stringContaining('staff create')]);
  });
});
