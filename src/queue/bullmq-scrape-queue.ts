import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { withTimeout } from '../common/with-timeout';
import { RedisLink } from '../redis/redis-link';
import { QueueUnavailableError, SCRAPE_ATTEMPTS, SCRAPE_BACKOFF_MS, SCRAPE_QUEUE_NAME, ScrapeQueue, scrapeJobId } from './scrape-queue';

/**
 * The longest a request waits for Redis. While Redis is known to be away it is not asked at all;
 * this bounds the other case, a connection that has not come up yet (Redis down at start-up). Not
 * tighter: on a loaded host, 40 scrapes posted at once took over 750 ms to enqueue and were refused.
 */
const ENQUEUE_TIMEOUT_MS = 3000;
const PENDING_STATES = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/**
 * The producer side on Redis: any number of worker processes consume from it. The queue itself is
 * BullModule's (QueueModule registers it); its connections are watched from here, which Nest builds
 * right after the queue, before any I/O could report an error.
 */
@Injectable()
export class BullmqScrapeQueue implements ScrapeQueue {
  constructor(
    @InjectQueue(SCRAPE_QUEUE_NAME) private readonly queue: Queue,
    private readonly link: RedisLink,
  ) {
    link.watch(queue, 'queue');
  }

  async enqueue(taskId: string): Promise<void> {
    try {
      await this.withRedis(() => this.add(taskId, scrapeJobId(taskId)));
    } catch (err) {
      throw new QueueUnavailableError(`the job queue (Redis) is unavailable: ${(err as Error).message}`);
    }
  }

  private async add(taskId: string, jobId: string): Promise<void> {
    const previous = await this.queue.getJob(jobId);
    // A kept completed/failed job with this id would make add() a no-op; a re-queue must run.
    if (previous && !PENDING_STATES.has(await previous.getState())) await previous.remove();
    // While a job with this id waits or runs, add() returns it unchanged: a task never runs twice at once.
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
    const state = await this.withRedis(async () => (await this.queue.getJob(scrapeJobId(taskId)))?.getState());
    return state !== undefined && PENDING_STATES.has(state);
  }

  async ping(): Promise<void> {
    await this.withRedis(() => this.queue.getJobCounts('waiting'));
  }

  /** Runs `work` on Redis, failing at once while Redis is known to be away and within ENQUEUE_TIMEOUT_MS otherwise. */
  private withRedis<T>(work: () => Promise<T>): Promise<T> {
    if (!this.link.available) return Promise.reject(new Error('not connected; reconnecting'));
    return withTimeout(work(), ENQUEUE_TIMEOUT_MS, 'Redis');
  }
}
