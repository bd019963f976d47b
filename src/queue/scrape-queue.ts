/** Where scrape jobs go. The job carries only the task id: the database is the source of truth. */
export interface ScrapeQueue {
  /** Adds the task's job unless one is already waiting or running. Throws QueueUnavailableError. */
  enqueue(taskId: string): Promise<void>;
  /** True when the task has a job waiting, delayed or running. */
  hasJob(taskId: string): Promise<boolean>;
  /** Whether the backing store answers (for /health); fails within a second. */
  ping(): Promise<void>;
}
export const SCRAPE_QUEUE = Symbol('SCRAPE_QUEUE');

/** Runs one scrape. The processor of either queue adapter calls it. */
export interface ScrapeJobHandler {
  /**
   * `attempt` counts from 1. Throwing a RetryableJobError asks for another attempt after backoff
   * (while attempts remain); a HandBackJobError puts the job back without spending an attempt; any
   * other throw ends the job. `signal` aborts when the process must stop before the job is done
   * (shutdown): the handler then throws a HandBackJobError as soon as it can.
   */
  handle(taskId: string, attempt: number, maxAttempts: number, signal: AbortSignal): Promise<void>;
}

/**
 * Where the queue finds the code that runs a job. The scrape module registers its runner here at
 * start-up; the queue adapters only depend on this, so the queue does not depend on the scrape module.
 * A consumer asks for the handler at bootstrap too: a process that runs jobs without one stops
 * there, not when its first job arrives.
 */
export class ScrapeJobHandlerRef {
  private handler: ScrapeJobHandler | undefined;

  set(handler: ScrapeJobHandler): void {
    this.handler = handler;
  }

  get(): ScrapeJobHandler {
    if (!this.handler) throw new Error('no scrape job handler registered in this process');
    return this.handler;
  }
}

export class QueueUnavailableError extends Error {}

/** A failure worth retrying later (upstream 5xx, reset, timeout). */
export class RetryableJobError extends Error {}

/**
 * The job could not run now for a reason outside it (our database is away, the process is
 * stopping): queue it again after `delayMs` at the same attempt, so an outage never uses up a
 * job's attempts or drops it.
 */
export class HandBackJobError extends Error {
  constructor(
    message: string,
    readonly delayMs: number,
  ) {
    super(message);
  }
}

export const SCRAPE_QUEUE_NAME = 'scrape';
export const SCRAPE_ATTEMPTS = 4;
export const SCRAPE_BACKOFF_MS = 2000;

/** BullMQ job ids may not contain ':' or be all digits; this is also the in-process queue's key. */
export function scrapeJobId(taskId: string): string {
  return `task-${taskId}`;
}
