#!/usr/bin/env node
// Runs the compiled CLI (npm run build produces dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('gatehouse: dist/ is missing; run `npm run build` first');
  process.exit(1);
}
const { main } = await import(cli);
main(process.argv.slice(2));
