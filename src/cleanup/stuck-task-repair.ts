import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { TaskEntity } from '../database/entities';
import { TaskLifecycle } from '../tasks/task-lifecycle';
import { TaskReader } from '../tasks/task-reader';
import { TasksService } from '../tasks/tasks.service';
import { describeDuration } from '../common/human-units';
import { databaseTimeAgo } from '../database/db-clock';

export interface RepairReport {
  /** Stuck `running` tasks put back in the queue (their first time stuck). */
  requeued: number;
  /** Tasks stuck again after a re-queue, now `error`. */
  failed: number;
  /** `queued` tasks that had no job in the queue, enqueued again. */
  orphansRequeued: number;
}

/**
 * A task `running` with no heartbeat (updated_at) for stuckAfterMs lost its worker without BullMQ's
 * stalled-job recovery taking it back (or had no such recovery: the in-process queue). It gets one
 * more try; stuck a second time, it ends in error.
 */
@Injectable()
export class StuckTaskRepair {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: TaskReader,
    private readonly tasksService: TasksService,
    private readonly lifecycle: TaskLifecycle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** How many stuck tasks repair() would re-queue and fail now; changes nothing. */
  async measure(): Promise<Pick<RepairReport, 'requeued' | 'failed'>> {
    const stuck = await this.reader.findStuck(await this.stuckCutoff());
    return { requeued: stuck.filter((t) => t.requeues === 0).length, failed: stuck.filter((t) => t.requeues > 0).length };
  }

  async repair(): Promise<RepairReport> {
    const cutoff = await this.stuckCutoff();
    const report: RepairReport = { requeued: 0, failed: 0, orphansRequeued: 0 };
    for (const task of await this.reader.findStuck(cutoff)) {
      if (task.requeues === 0) {
        if (await this.requeue(task, cutoff)) report.requeued++;
      } else if (await this.failStuck(task, cutoff)) {
        report.failed++;
      }
    }
    report.orphansRequeued = await this.tasksService.requeueOrphans({ includeRunning: false });
    return report;
  }

  private stuckCutoff(): Promise<string> {
    return databaseTimeAgo(this.dataSource, this.config.stuckAfterMs);
  }

  /*
   * Both moves repeat the conditions the task was chosen on (TaskLifecycle's StillAsSeen), so a
   * worker that woke up meanwhile is left alone and a second cleanup process racing this one cannot
   * count the same task twice. Each move also bumps updated_at, which restarts the task's stuck clock.
   */

  private requeue(task: Pick<TaskEntity, 'id' | 'requeues'>, cutoff: string): Promise<boolean> {
    return this.tasksService.requeue(task.id, { requeues: task.requeues, updatedBefore: cutoff });
  }

  private failStuck(task: Pick<TaskEntity, 'id' | 'requeues'>, cutoff: string): Promise<boolean> {
    const idle = describeDuration(this.config.stuckAfterMs);
    const message = `stuck twice with no progress: no heartbeat for ${idle}, re-queued once, then stuck again for ${idle}; giving up`;
    // no worker finished it twice: a later scrape, on a healthy worker, may
    return this.lifecycle.fail(task.id, message, true, { requeues: task.requeues, updatedBefore: cutoff });
  }
}
