import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { HandBackJobError, RetryableJobError, SCRAPE_ATTEMPTS, SCRAPE_BACKOFF_MS, ScrapeJobHandlerRef, ScrapeQueue } from './scrape-queue';
import { backoffDelay } from './backoff';

/**
 * The zero-config queue for a single `all` process: same concurrency, retry and hand-back
 * semantics as the BullMQ adapter, held in memory. Tasks lost with the process (queued or running)
 * are re-enqueued at start-up.
 */
@Injectable()
export class InProcessScrapeQueue implements ScrapeQueue, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('InProcessQueue');
  private readonly waiting: { taskId: string; attempt: number }[] = [];
  private readonly known = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly handler: ScrapeJobHandlerRef,
  ) {}

  /** Throws when no handler has registered (the scrape module registers its runner at module init). */
  onApplicationBootstrap(): void {
    this.handler.get();
  }

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
    while (!this.closing && this.running.size < this.config.workerConcurrency && this.waiting.length > 0) {
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
      await this.handler.get().handle(taskId, attempt, SCRAPE_ATTEMPTS, this.stopping.signal);
      this.known.delete(taskId);
    } catch (err) {
      if (err instanceof HandBackJobError) return this.later(taskId, attempt, err.delayMs);
      if (err instanceof RetryableJobError && attempt < SCRAPE_ATTEMPTS) {
        return this.later(taskId, attempt + 1, backoffDelay(attempt, SCRAPE_BACKOFF_MS));
      }
      this.known.delete(taskId);
      this.logger.warn(`task ${taskId} failed: ${(err as Error).message}`);
    }
  }

  /** Runs the job again after `delayMs`; a stopping process leaves it to the next start-up's recovery. */
  private later(taskId: string, attempt: number, delayMs: number): void {
    if (this.closing) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.waiting.push({ taskId, attempt });
      this.pump();
    }, delayMs);
    this.timers.add(timer);
  }

  /**
   * Before the database closes: take no more jobs, let those in flight finish within
   * SHUTDOWN_GRACE_MS, then abort them; the next start-up re-enqueues what they left.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearTimeout(t);
    const abort = setTimeout(() => this.stopping.abort(), this.config.shutdownGraceMs);
    await Promise.allSettled([...this.running]);
    clearTimeout(abort);
  }
}
