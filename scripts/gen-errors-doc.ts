/** Writes docs/errors.md from the error catalog. Run: `npm run docs:errors`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderErrorsDoc } from '../src/errors/render-doc.js';

const target = fileURLToPath(new URL('../docs/errors.md', import.meta.url));
mkdirSync(fileURLToPath(new URL('../docs/', import.meta.url)), { recursive: true });
writeFileSync(target, renderErrorsDoc());
console.log(`wrote ${target}`);
