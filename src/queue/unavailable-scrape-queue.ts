import { Injectable } from '@nestjs/common';
import { QueueUnavailableError, ScrapeQueue } from './scrape-queue';

/**
 * The queue of a process without Redis that is not the `all` process (the `--role=cleanup`
 * command): the in-process queue belongs to the running `all` process, and a second one here would
 * run scrapes in a command meant to purge and exit.
 */
@Injectable()
export class UnavailableScrapeQueue implements ScrapeQueue {
  async enqueue(): Promise<void> {
    throw this.unavailable();
  }

  async hasJob(): Promise<boolean> {
    throw this.unavailable();
  }

  async ping(): Promise<void> {}

  private unavailable(): QueueUnavailableError {
    return new QueueUnavailableError('no job queue in this process: without REDIS_URL only the all process queues and runs scrapes');
  }
}
