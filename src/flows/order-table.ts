/**
 * Renders the order-of-checks tables of docs/api.md from the pipeline arrays, the way docs/errors.md
 * is rendered from the catalog (`npm run docs:generate`; a test keeps the file in sync).
 */
import type { CheckDoc, Pipeline } from './step.js';
import { PIPELINES } from './pipelines.js';

export const ORDER_START = '<!-- order-of-checks: generated from src/flows/pipelines.ts by `npm run docs:generate`; do not edit -->';
export const ORDER_END = '<!-- /order-of-checks -->';

const cell = (text: string) => text.replace(/\|/g, '\\|');
/** Codes and reasons as code ("`4001` `region_blocked`"); "pause" and "—" as they are. */
const code = (text: string) =>
  text
    .split(' ')
    .map((token) => (/^(-?\d+|[a-z][a-z0-9_]*)$/.test(token) && token !== 'pause' ? `\`${token}\`` : token))
    .join(' ');

function rows(pipeline: Pipeline<unknown, unknown>): string[] {
  const lines = (pipeline.before ?? []).map((doc: CheckDoc) => `| – | *before the flow* | ${code(cell(doc.code))} | ${cell(doc.check)} |`);
  pipeline.steps.forEach((step, index) => {
    for (const doc of step.doc) {
      const name = `\`${step.name}\`${step.recheck ? ' ↻' : ''}`;
      lines.push(`| ${index + 1} | ${name} | ${code(cell(doc.code))} | ${cell(doc.check)} |`);
    }
  });
  return lines;
}

export function renderOrderOfChecks(pipelines: ReadonlyArray<Pipeline<never, unknown>> = PIPELINES as never): string {
  const out = [ORDER_START, ''];
  for (const pipeline of pipelines) {
    out.push(`### ${pipeline.title}`, '', `Door: ${pipeline.door}.`, '', '| # | step | answer | what is checked |', '|---|---|---|---|');
    out.push(...rows(pipeline as Pipeline<unknown, unknown>), '');
  }
  out.push('↻: the step runs again when a paused flow resumes (a second factor, an approved device), for the request that resumes it.', '', ORDER_END);
  return out.join('\n');
}

/** The document with its generated section replaced. */
export function withOrderOfChecks(doc: string): string {
  const start = doc.indexOf(ORDER_START);
  const end = doc.indexOf(ORDER_END);
  if (start < 0 || end < start) throw new Error('docs/api.md has no order-of-checks markers');
  return doc.slice(0, start) + renderOrderOfChecks() + doc.slice(end + ORDER_END.length);
}
