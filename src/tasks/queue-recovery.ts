import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisLink } from '../redis/redis-link';
import { TasksService } from './tasks.service';

/**
 * The database is the source of truth; the queue can lose jobs (Redis restarted without its data,
 * an enqueue that failed after the task was written). This puts every `queued` task without a job
 * back in the queue: at start-up, whenever Redis comes back after an outage, and every
 * RECOVERY_INTERVAL_MS (one indexed query when nothing is missing). Job ids are per task and
 * BullMQ keeps one job per id, so however many processes sweep at once, a task never runs twice at
 * once. Without Redis one process owns the in-process queue: at its start-up what it was running
 * when it stopped is put back too.
 */
@Injectable()
export class QueueRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QueueRecovery');
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private sweeping: Promise<void> | null = null;
  private askedMeanwhile: string | null = null;

  constructor(
    @Inject(TasksService) private readonly tasks: TasksService,
    @Inject(RedisLink) private readonly redis: RedisLink,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // In the background, so a Redis outage at start-up delays recovery, not the API.
    void this.sweep('at start-up', !this.config.redisUrl);
    if (!this.config.redisUrl) return;
    this.unsubscribe = this.redis.onReturn(() => void this.sweep('after Redis came back'));
    this.timer = setInterval(() => void this.sweep('on the periodic check'), this.config.recoveryIntervalMs);
    this.timer.unref();
  }

  /**
   * One sweep at a time per process; one asked for meanwhile runs when it ends (the running one may
   * have started before what prompted it). None while Redis is away: its return starts one.
   */
  private sweep(when: string, includeRunning = false): Promise<void> {
    if (!this.redis.available) return Promise.resolve();
    if (this.sweeping) {
      this.askedMeanwhile = when;
      return this.sweeping;
    }
    this.sweeping = this.tasks
      .requeueOrphans({ includeRunning })
      .then((n) => {
        if (n) this.logger.log(`re-enqueued ${n} tasks that had no job in the queue (${when})`);
      })
      .catch((err: Error) => this.logger.warn(`could not re-enqueue queued tasks ${when}: ${err.message}; trying again later`))
      .finally(() => {
        this.sweeping = null;
        const next = this.askedMeanwhile;
        this.askedMeanwhile = null;
        if (next) void this.sweep(next);
      });
    return this.sweeping;
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.unsubscribe?.();
  }
}
