import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { withTimeout } from '../common/with-timeout';
import {
  QueueUnavailableError,
  SCRAPE_ATTEMPTS,
  SCRAPE_BACKOFF_MS,
  SCRAPE_QUEUE_NAME,
  ScrapeQueue,
  scrapeJobId,
} from './scrape-queue';

/** An API request waits this long for Redis before answering 503. */
const ENQUEUE_TIMEOUT_MS = 5000;
const PENDING_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/** The producer side on Redis: any number of worker processes consume from it. */
@Injectable()
export class BullmqScrapeQueue implements ScrapeQueue {
  constructor(@InjectQueue(SCRAPE_QUEUE_NAME) private readonly queue: Queue) {}

  async enqueue(taskId: string): Promise<void> {
    const jobId = scrapeJobId(taskId);
    try {
      await withTimeout(this.add(taskId, jobId), ENQUEUE_TIMEOUT_MS, 'Redis');
    } catch (err) {
      throw new QueueUnavailableError(`the job queue (Redis) is unavailable: ${(err as Error).message}`);
    }
  }

  private async add(taskId: string, jobId: string): Promise<void> {
    const previous = await this.queue.getJob(jobId);
    // A kept completed/failed job with this id would make add() a no-op; a re-queue must run.
    if (previous && !PENDING_STATES.has(await previous.getState())) await previous.remove();
    await this.queue.add(
      'scrape',
      { taskId },
      {
        jobId,
        attempts: SCRAPE_ATTEMPTS,
        backoff: { type: 'exponential', delay: SCRAPE_BACKOFF_MS, jitter: 0.5 },
        removeOnComplete: { age: 24 * 3600, count: 1000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  async hasJob(taskId: string): Promise<boolean> {
    const job = await this.queue.getJob(scrapeJobId(taskId));
    return !!job && PENDING_STATES.has(await job.getState());
  }

  async ping(): Promise<void> {
    await this.queue.getJobCounts('waiting');
  }
}
