import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { workerLockMs } from '../config/load-config';
import { RetryableJobError, SCRAPE_QUEUE_NAME, ScrapeJobHandlerRef } from './scrape-queue';

/** The BullMQ consumer: registered only in the worker and all roles. */
// Worker options are read when the decorator is evaluated, so they come straight from the environment.
@Processor(SCRAPE_QUEUE_NAME, { lockDuration: workerLockMs(), stalledInterval: workerLockMs(), maxStalledCount: 2 })
export class BullmqScrapeProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly handler: ScrapeJobHandlerRef,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workerConcurrency;
  }

  async process(job: Job<{ taskId: string }>): Promise<void> {
    try {
      await this.handler.get().handle(job.data.taskId, job.attemptsMade + 1, job.opts.attempts ?? 1);
    } catch (err) {
      if (err instanceof RetryableJobError) throw err;
      throw new UnrecoverableError((err as Error).message);
    }
  }
}
