import { BullRegistrar, Processor, WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Inject, OnApplicationBootstrap, Type } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { redisOptionsFromUrl } from '../redis/redis-connection';
import { RedisLink } from '../redis/redis-link';
import { HandBackJobError, RetryableJobError, SCRAPE_QUEUE_NAME, ScrapeJobHandlerRef } from './scrape-queue';

/**
 * The BullMQ consumer of the worker and all roles, as a @nestjs/bullmq processor. Its worker
 * options come from the validated config, and a decorator's options are fixed when the class is
 * defined, so the class is made per config. QueueModule registers BullModule with manual
 * registration: the worker is created at bootstrap, once the scrape runner has registered itself,
 * and its connections are watched in the same turn, before they can report an error.
 */
export function bullmqScrapeProcessor(config: AppConfig): Type<WorkerHost> {
  const { redisUrl, queuePrefix, workerConcurrency, workerLockMs } = config;

  @Processor(SCRAPE_QUEUE_NAME, {
    connection: redisOptionsFromUrl(redisUrl!),
    prefix: queuePrefix,
    concurrency: workerConcurrency,
    lockDuration: workerLockMs,
    stalledInterval: workerLockMs,
    maxStalledCount: 2,
    // After a Redis error the fetch loop tries again within a second, not BullMQ's 15 s, so work
    // resumes as soon as Redis is back.
    runRetryDelay: 1000,
  })
  class BullmqScrapeProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
    constructor(
      @Inject(APP_CONFIG) private readonly config: AppConfig,
      private readonly handler: ScrapeJobHandlerRef,
      private readonly link: RedisLink,
      private readonly registrar: BullRegistrar,
    ) {
      super();
    }

    onApplicationBootstrap(): void {
      this.handler.get(); // throws, before the worker takes a job, when no handler has registered
      this.registrar.register();
      this.link.watch(this.worker, 'worker');
    }

    async process(job: Job<{ taskId: string }>, token?: string, signal?: AbortSignal): Promise<void> {
      try {
        await this.handler
          .get()
          .handle(job.data.taskId, job.attemptsMade + 1, job.opts.attempts ?? 1, signal ?? new AbortController().signal);
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
      const handBack = setTimeout(() => worker.cancelAllJobs('the worker is shutting down'), this.config.shutdownGraceMs);
      try {
        await worker.close();
      } finally {
        clearTimeout(handBack);
      }
    }
  }
  return BullmqScrapeProcessor;
}
