import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError, Worker } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { redisOptionsFromUrl } from './redis-connection';
import { RedisLink } from './redis-link';
import { HandBackJobError, RetryableJobError, SCRAPE_QUEUE_NAME, ScrapeJobHandlerRef } from './scrape-queue';

/**
 * The BullMQ consumer of the worker and all roles. It is built from the validated config at
 * start-up, once the scrape runner has registered itself, and its connections are watched from
 * the moment they exist.
 */
@Injectable()
export class BullmqScrapeWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker: Worker<{ taskId: string }> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly handler: ScrapeJobHandlerRef,
    private readonly link: RedisLink,
  ) {}

  onApplicationBootstrap(): void {
    const { redisUrl, queuePrefix, workerConcurrency, workerLockMs } = this.config;
    this.worker = new Worker(SCRAPE_QUEUE_NAME, (job, token, signal) => this.process(job, token, signal), {
      connection: redisOptionsFromUrl(redisUrl!),
      prefix: queuePrefix,
      concurrency: workerConcurrency,
      lockDuration: workerLockMs,
      stalledInterval: workerLockMs,
      maxStalledCount: 2,
      // After a Redis error the fetch loop tries again within a second, not BullMQ's 15 s, so work
      // resumes as soon as Redis is back.
      runRetryDelay: 1000,
    });
    this.link.watch(this.worker, 'worker');
  }

  private async process(job: Job<{ taskId: string }>, token: string | undefined, signal: AbortSignal | undefined): Promise<void> {
    try {
      await this.handler.get().handle(job.data.taskId, job.attemptsMade + 1, job.opts.attempts ?? 1, signal ?? new AbortController().signal);
    } catch (err) {
      if (err instanceof HandBackJobError) {
        // Same job id, same attempt count: BullMQ still holds it, so no other copy can start meanwhile.
        await job.moveToDelayed(Date.now() + err.delayMs, token);
        throw new DelayedError();
      }
      if (err instanceof RetryableJobError) throw err;
      throw new UnrecoverableError((err as Error).message);
    }
  }

  /**
   * Before the database closes: take no more jobs, let those in flight finish within
   * SHUTDOWN_GRACE_MS, then abort the rest, which hand their jobs back for another worker.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const handBack = setTimeout(() => worker.cancelAllJobs('the worker is shutting down'), this.config.shutdownGraceMs);
    try {
      await worker.close();
    } finally {
      clearTimeout(handBack);
    }
  }
}
