import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORDER_END, ORDER_START, renderOrderOfChecks } from './order-table.js';
import { PIPELINES, STAFF_LOGIN, USER_LOGIN, WITHDRAWAL } from './pipelines.js';

const API_DOC = new URL('../../docs/api.md', import.meta.url);

describe('the order-of-checks tables', () => {
  it('in docs/api.md match the pipeline arrays (run `npm run docs:generate` when this fails)', () => {
    const doc = readFileSync(API_DOC, 'utf8');
    const section = doc.slice(doc.indexOf(ORDER_START), doc.indexOf(ORDER_END) + ORDER_END.length);
    expect(section === renderOrderOfChecks(), 'docs/api.md order of checks is stale: run `npm run docs:generate`').toBe(true);
  });

  it('list every step of every pipeline, in order', () => {
    const table = renderOrderOfChecks();
    for (const pipeline of PIPELINES) {
      let from = table.indexOf(`### ${pipeline.title}`);
      for (const step of pipeline.steps) {
        const at = table.indexOf(`\`${step.name}\``, from);
        expect(at, `${pipeline.name}: ${step.name}`).toBeGreaterThan(from);
        from = at;
      }
    }
  });

  it('follow the normative login order, and the withdrawal order', () => {
    const names = (p: { steps: Array<{ name: string }> }) => p.steps.map((s) => s.name);
    expect(names(USER_LOGIN)).toEqual([
      'maintenance',
      'credentials',
      'password-current',
      'not-frozen',
      'region',
      'risk',
      'device-confirmation',
      'second-factor',
      'session',
    ]);
    expect(names(STAFF_LOGIN)).toEqual(names(USER_LOGIN).filter((n) => n !== 'maintenance'));
    expect(names(WITHDRAWAL)).toEqual(['not-frozen', 'function-allowed', 'security-hold', 'step-up', 'risk', 'debit']);
    // what can change while a login waits is checked again when it resumes
    expect(USER_LOGIN.steps.filter((s) => s.recheck).map((s) => s.name)).toEqual(['maintenance', 'password-current', 'not-frozen', 'region']);
  });
});
