/** Writes the generated parts of the docs: docs/errors.md (catalog) and the order-of-checks tables of docs/api.md (pipelines). */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderErrorsDoc } from '../src/errors/render-doc.js';
import { withOrderOfChecks } from '../src/flows/order-table.js';

const errors = fileURLToPath(new URL('../docs/errors.md', import.meta.url));
writeFileSync(errors, renderErrorsDoc());
console.log(`wrote ${errors}`);
const api = fileURLToPath(new URL('../docs/api.md', import.meta.url));
writeFileSync(api, withOrderOfChecks(readFileSync(api, 'utf8')));
console.log(`wrote the order of checks in ${api}`);
