import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import {
  RetryableJobError,
  SCRAPE_ATTEMPTS,
  SCRAPE_BACKOFF_MS,
  ScrapeJobHandlerRef,
  ScrapeQueue,
} from './scrape-queue';
import { backoffDelay } from './backoff';

/**
 * The zero-config queue for a single `all` process: same concurrency and retry semantics as the
 * BullMQ adapter, held in memory. Queued tasks lost with the process are re-enqueued at start-up.
 */
@Injectable()
export class InProcessScrapeQueue implements ScrapeQueue, OnApplicationShutdown {
  private readonly logger = new Logger('InProcessQueue');
  private readonly waiting: { taskId: string; attempt: number }[] = [];
  private readonly known = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly handler: ScrapeJobHandlerRef,
  ) {}

  async enqueue(taskId: string): Promise<void> {
    if (this.known.has(taskId)) return;
    this.known.add(taskId);
    this.waiting.push({ taskId, attempt: 1 });
    this.pump();
  }

  async hasJob(taskId: string): Promise<boolean> {
    return this.known.has(taskId);
  }

  async ping(): Promise<void> {}

  private pump(): void {
    while (!this.closed && this.running.size < this.config.workerConcurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      const run = this.run(job.taskId, job.attempt).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run(taskId: string, attempt: number): Promise<void> {
    try {
      await this.handler.get().handle(taskId, attempt, SCRAPE_ATTEMPTS);
      this.known.delete(taskId);
    } catch (err) {
      if (err instanceof RetryableJobError && attempt < SCRAPE_ATTEMPTS && !this.closed) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.waiting.push({ taskId, attempt: attempt + 1 });
          this.pump();
        }, backoffDelay(attempt, SCRAPE_BACKOFF_MS));
        this.timers.add(timer);
        return;
      }
      this.known.delete(taskId);
      this.logger.warn(`task ${taskId} failed: ${(err as Error).message}`);
    }
  }

  /** Stops taking work and waits (bounded by main's shutdown timer) for jobs in flight. */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    await Promise.allSettled([...this.running]);
  }
}
