/** Where scrape jobs go. The job carries only the task id: the database is the source of truth. */
export interface ScrapeQueue {
  /** Adds the task's job unless one is already waiting or running. Throws QueueUnavailableError. */
  enqueue(taskId: string): Promise<void>;
  /** True when the task has a job waiting, delayed or running. */
  hasJob(taskId: string): Promise<boolean>;
  /** Whether the backing store answers (for /health). */
  ping(): Promise<void>;
}
export const SCRAPE_QUEUE = Symbol('SCRAPE_QUEUE');

/** Runs one scrape. The processor of either queue adapter calls it. */
export interface ScrapeJobHandler {
  /**
   * `attempt` counts from 1. Throwing a RetryableJobError asks for another attempt after backoff
   * (while attempts remain); any other throw ends the job.
   */
  handle(taskId: string, attempt: number, maxAttempts: number): Promise<void>;
}
export const SCRAPE_JOB_HANDLER = Symbol('SCRAPE_JOB_HANDLER');

export class QueueUnavailableError extends Error {}

/** A failure worth retrying later (upstream 5xx, reset, timeout). */
export class RetryableJobError extends Error {}

export const SCRAPE_QUEUE_NAME = 'scrape';
export const SCRAPE_ATTEMPTS = 4;
export const SCRAPE_BACKOFF_MS = 2000;

/** BullMQ job ids may not contain ':' or be all digits; this is also the in-process queue's key. */
export function scrapeJobId(taskId: string): string {
  return `task-${taskId}`;
}
