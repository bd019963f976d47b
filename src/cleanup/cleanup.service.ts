import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { roleRuns } from '../config/role-runs';
import { FailurePurge } from '../failures/failure-purge';
import { CleanupLock } from './cleanup-lock';
import { DAY_MS, databaseTimeAgo } from '../database/db-clock';
import { PurgeTotals, RetentionPurge } from './retention-purge';
import { RepairReport, StuckTaskRepair } from './stuck-task-repair';
import { WatchPurge } from '../watch/watch-purge';

export type RepairOutcome =
  ({ kind: 'repaired' } & RepairReport) | { kind: 'would-repair'; requeued: number; failed: number } | { kind: 'skipped'; reason: string };

export interface CleanupReport {
  dryRun: boolean;
  retentionDays: number;
  /** Removed, or in a dry run what would be. */
  purged: PurgeTotals;
  failureHistoryDays: number;
  /** Failure occurrences past FAILURE_HISTORY_DAYS removed (or that would be). */
  failureOccurrences: number;
  /** Watched builds that ended more than retentionDays ago, removed (or that would be). */
  watchedBuilds: number;
  repair: RepairOutcome;
}

/**
 * Why this process cannot repair stuck tasks, or null when it can. Re-queueing needs a queue that
 * some process consumes: without Redis that is the in-process queue of the running `all` process,
 * which a separate cleanup process cannot reach.
 */
function repairUnavailableReason(config: AppConfig): string | null {
  if (roleRuns(config).runsCleanupOnce && !config.redisUrl) {
    return 'no REDIS_URL, so no queue to re-enqueue into (the running all process repairs them on its schedule)';
  }
  return null;
}

/** One cleanup pass: purge tasks and watched builds past retention and failure occurrences past their history, then repair stuck and orphaned ones. */
@Injectable()
export class CleanupService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lock: CleanupLock,
    private readonly purge: RetentionPurge,
    private readonly failures: FailurePurge,
    private readonly repair: StuckTaskRepair,
    private readonly watched: WatchPurge,
  ) {}

  /**
   * Returns null, having done nothing, when another pass (this process's or another's) is running.
   * `signal` stops the purge between batches (shutdown); what was deleted so far is reported.
   */
  runPass({ dryRun = false, signal }: { dryRun?: boolean; signal?: AbortSignal } = {}): Promise<CleanupReport | null> {
    return this.lock.runExclusive(async () => {
      const { retentionDays } = this.config;
      const cutoff = await databaseTimeAgo(this.dataSource, retentionDays * DAY_MS);
      const purged = dryRun ? await this.purge.measure(cutoff) : await this.purge.purge(cutoff, signal);
      const watchedBuilds = dryRun ? await this.watched.countBefore(cutoff) : await this.watched.deleteBefore(cutoff, signal);
      const { failureHistoryDays } = this.config;
      const historyCutoff = await databaseTimeAgo(this.dataSource, failureHistoryDays * DAY_MS);
      const failureOccurrences = dryRun
        ? await this.failures.countBefore(historyCutoff)
        : await this.failures.deleteBefore(historyCutoff, signal);
      return { dryRun, retentionDays, purged, failureHistoryDays, failureOccurrences, watchedBuilds, repair: await this.runRepair(dryRun) };
    });
  }

  private async runRepair(dryRun: boolean): Promise<RepairOutcome> {
    const reason = repairUnavailableReason(this.config);
    if (reason) return { kind: 'skipped', reason };
    if (dryRun) return { kind: 'would-repair', ...(await this.repair.measure()) };
    return { kind: 'repaired', ...(await this.repair.repair()) };
  }
}
