import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { isTransientDatabaseError } from '../database/transient-errors';
import { formatCleanupSummary } from './cleanup-summary';
import { CleanupService } from './cleanup.service';

export const CLEANUP_CRON_JOB = 'cleanup';

/**
 * Runs a cleanup pass every CLEANUP_CRON in the all and api roles. Every such process ticks; the
 * CleanupLock lets one of them do the work. Registered at start-up because the schedule comes from
 * the configuration, which a static @Cron() cannot read.
 */
@Injectable()
export class CleanupScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Cleanup');
  private readonly shutdown = new AbortController();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly cleanup: CleanupService,
  ) {}

  onApplicationBootstrap(): void {
    const job = CronJob.from({
      cronTime: this.config.cleanupCron,
      onTick: () => this.tick(),
      waitForCompletion: true,
      start: true,
      name: CLEANUP_CRON_JOB,
    });
    this.registry.addCronJob(CLEANUP_CRON_JOB, job);
  }

  private async tick(): Promise<void> {
    try {
      const report = await this.cleanup.runPass({ signal: this.shutdown.signal });
      if (report) this.logger.log(formatCleanupSummary(report));
      else this.logger.debug('another process is running the cleanup pass; this tick is skipped');
    } catch (err) {
      if (isTransientDatabaseError(err)) this.logger.warn(`cleanup pass skipped, the database is unavailable: ${(err as Error).message}`);
      else this.logger.error(`cleanup pass failed: ${(err as Error).message}`, (err as Error).stack);
    }
  }

  /** Before the database closes: stop ticking and let a running pass end at its next batch. */
  async beforeApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    await this.registry.getCronJob(CLEANUP_CRON_JOB).stop();
  }
}
