/**
 * A flow is an ordered list of steps (a pipeline, pipelines.ts); each step is one file that looks at
 * the flow's state and answers continue, pause (the flow waits for the client: a challenge), refuse
 * (an AppError, recorded in one place by the runner) or done (the flow's answer).
 *
 * Modelled on Keycloak's authentication flows (ordered authenticators) and Ory Kratos' flow state:
 * the normative order of checks is data, read top to bottom, and the docs table is generated from it.
 */
import type { Deps } from '../deps.js';
import type { AppError } from '../errors/app-error.js';

/** When a refusal lands in the login history: now, just after the response (so an unknown account,
 * which writes nothing, costs the same time), or never (shed under load: no write per request). */
export type RefusalRecord = 'now' | 'after_response' | 'never';

export type StepOutcome<A> =
  | { kind: 'continue' }
  | { kind: 'pause'; answer: A }
  | { kind: 'refuse'; error: AppError; record: RefusalRecord }
  | { kind: 'done'; answer: A };

export const proceed = { kind: 'continue' } as const;

export function pause<A>(answer: A): StepOutcome<A> {
  return { kind: 'pause', answer };
}

export function refuse(error: AppError, record: RefusalRecord = 'now'): StepOutcome<never> {
  return { kind: 'refuse', error, record };
}

export function done<A>(answer: A): StepOutcome<A> {
  return { kind: 'done', answer };
}

/** Where a flow is: its pipeline and step, stored with a paused flow so it resumes at the right place. */
export interface FlowPosition {
  flow: string;
  step: string;
}

/** One line of the generated order-of-checks table. */
export interface CheckDoc {
  /** The code (and reason) it answers, e.g. "4001 region_blocked", or "—" for a step that decides without refusing. */
  code: string;
  check: string;
}

/** The dependencies steps use (no HTTP-layer parts: the tarpit, readiness probes). */
export type FlowDeps = Pick<
  Deps,
  | 'db'
  | 'clock'
  | 'random'
  | 'newId'
  | 'config'
  | 'geo'
  | 'region'
  | 'maintenance'
  | 'limits'
  | 'hasher'
  | 'hashGate'
  | 'keys'
  | 'mailer'
  | 'metrics'
  | 'background'
>;

export interface Step<S, A> {
  name: string;
  doc: CheckDoc[];
  /** Checks whose answer can change while a flow is paused (password, freeze, region, maintenance) run again on resume. */
  recheck?: boolean;
  run(deps: FlowDeps, state: S, at: FlowPosition): Promise<StepOutcome<A>>;
  /** For steps that pause: takes the client's answer when the flow resumes here. */
  resume?(deps: FlowDeps, state: S, answer: unknown, at: FlowPosition): Promise<StepOutcome<A>>;
}

export interface Pipeline<S, A> {
  name: string;
  title: string;
  /** A sentence for the docs: where this flow starts (the HTTP door). */
  door: string;
  /** Checks the HTTP layer makes before the flow starts (hooks, body schema), for the docs table. */
  before?: CheckDoc[];
  steps: Step<S, A>[];
  /** Records a refusal (history, metrics) and returns the error to answer with (it may add hints). */
  onRefusal(deps: FlowDeps, state: S, error: AppError, record: RefusalRecord): Promise<AppError>;
}
