import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { CATALOG } from './catalog.js';
import { renderErrorsDoc } from './render-doc.js';

const DOC_PATH = new URL('../../docs/errors.md', import.meta.url);

describe('docs/errors.md', () => {
  it('is up to date with the catalog (run `npm run docs:generate` when this fails)', () => {
    const onDisk = readFileSync(DOC_PATH, 'utf8');
    expect(onDisk === renderErrorsDoc(), 'docs/errors.md is stale: run `npm run docs:generate`').toBe(true);
  });

  it('has a heading for every catalog code', () => {
    const doc = renderErrorsDoc();
    for (const entry of Object.values(CATALOG)) {
      expect(doc).toContain(`\n## ${entry.code} ${entry.name}\n`);
    }
  });

  it('documents the envelope fields and the login order', () => {
    const doc = renderErrorsDoc();
    for (const field of ['code', 'msg', 'reason', 'retryAfter', 'details', 'help', 'requestId']) {
      expect(doc).toContain(`| \`${field}\` |`);
    }
    expect(doc).toContain('Retry-After');
    expect(doc).toContain('Accept-Language');
    expect(doc).toContain('## Order of checks on login');
  });
});
