/**
 * Runs a pipeline from a step, or resumes a paused one. The one place where refusals are recorded
 * (the pipeline's onRefusal: history and metrics) and where a resumed flow re-runs the checks whose
 * answer can change while it waited, so that it answers exactly as a fresh start would.
 */
import { AppError } from '../errors/app-error.js';
import { entryByKey } from '../errors/lookup.js';
import type { FlowDeps, Pipeline, Step, StepOutcome } from './step.js';

async function outcomeOf<A>(run: () => Promise<StepOutcome<A>>): Promise<StepOutcome<A>> {
  try {
    return await run();
  } catch (err) {
    // Services deep inside a step throw their AppErrors (a 1003 from a limit, say): a refusal too.
    if (err instanceof AppError) return { kind: 'refuse', error: err, record: 'now' };
    throw err;
  }
}

async function settle<S, A>(deps: FlowDeps, pipeline: Pipeline<S, A>, step: string, state: S, outcome: StepOutcome<A>): Promise<A | undefined> {
  if (outcome.kind === 'continue') return undefined;
  if (outcome.kind === 'refuse') {
    const { error } = outcome;
    deps.metrics.flowRefusals.inc({ flow: pipeline.name, step, code: String(entryByKey(error.key).code), reason: error.reason ?? '' });
    throw await pipeline.onRefusal(deps, state, error, outcome.record);
  }
  return outcome.answer;
}

function indexOf<S, A>(pipeline: Pipeline<S, A>, stepName: string): number {
  const index = pipeline.steps.findIndex((s) => s.name === stepName);
  if (index < 0) throw new Error(`flow ${pipeline.name} has no step ${stepName}`);
  return index;
}

/** Runs the steps from `fromStep` (the first by default) until one pauses, refuses or is done. */
export async function runFlow<S, A>(deps: FlowDeps, pipeline: Pipeline<S, A>, state: S, fromIndex = 0): Promise<A> {
  for (const step of pipeline.steps.slice(fromIndex)) {
    const answer = await settle(deps, pipeline, step.name, state, await outcomeOf(() => step.run(deps, state, { flow: pipeline.name, step: step.name })));
    if (answer !== undefined) return answer;
  }
  throw new Error(`flow ${pipeline.name} ended without an answer`);
}

/**
 * Resumes a flow paused at `stepName` with the client's answer: first the checks marked `recheck`
 * that come before it, in order, then the paused step's resume, then the rest of the pipeline.
 */
export async function resumeFlow<S, A>(deps: FlowDeps, pipeline: Pipeline<S, A>, stepName: string, state: S, answer: unknown): Promise<A> {
  const index = indexOf(pipeline, stepName);
  const paused = pipeline.steps[index] as Step<S, A>;
  if (!paused.resume) throw new Error(`step ${stepName} of ${pipeline.name} cannot resume`);
  for (const step of pipeline.steps.slice(0, index).filter((s) => s.recheck)) {
    const outcome = await outcomeOf(() => step.run(deps, state, { flow: pipeline.name, step: step.name }));
    if (outcome.kind === 'pause' || outcome.kind === 'done') throw new Error(`recheck ${step.name} must only continue or refuse`);
    await settle(deps, pipeline, step.name, state, outcome);
  }
  const resumed = await settle(
    deps,
    pipeline,
    stepName,
    state,
    await outcomeOf(() => paused.resume!(deps, state, answer, { flow: pipeline.name, step: stepName })),
  );
  if (resumed !== undefined) return resumed;
  return runFlow(deps, pipeline, state, index + 1);
}
