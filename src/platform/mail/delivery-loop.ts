/**
 * The polling loop behind outbox delivery (SMTP, SMS webhook): one batch at a time, never
 * overlapping, errors logged and retried on the next tick; stop() waits for the batch in flight.
 */
export interface LoopLogger {
  warn(obj: object, msg: string): void;
}

export interface DeliveryLoop {
  start(intervalMs?: number): void;
  stop(): Promise<void>;
  /** True once stop() was called; a batch checks it to hand back what it has not sent yet. */
  readonly stopping: boolean;
}

export function createDeliveryLoop(deliverDue: () => Promise<number>, log: LoopLogger, label: string): DeliveryLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopping = false;
  return {
    get stopping() {
      return stopping;
    },
    start(intervalMs = 1000) {
      if (timer) return;
      stopping = false;
      timer = setInterval(() => {
        if (running) return;
        running = deliverDue()
          .catch((err) => {
            log.warn({ err: (err as Error).message }, `${label} delivery loop error`);
            return 0;
          })
          .finally(() => {
            running = undefined;
          });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
