import { ConflictException, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { TaskEntity, WatchedBuildEntity } from '../database/entities';
import { InsightsService, DEFAULT_INSIGHT_BUILDS } from '../insight/insights.service';
import { runFieldsOf } from '../tasks/task-entry';
import { TaskReader } from '../tasks/task-reader';
import { TasksService } from '../tasks/tasks.service';
import { BuildFollower } from './build-follower';
import { OutageLog } from './outage-log';
import { Reporter } from './reporter';
import { WatchLease } from './watch-lease';
import { WatchStore } from './watch-store';

/**
 * How often the lease holder carries open rows forward (at most; never less often than it polls
 * Zuul): a triage that ended, an insight that finished are seen in our own database, so waiting a
 * whole WATCH_INTERVAL_S for each step would only add minutes between a build's end and its review.
 */
const ADVANCE_EVERY_MS = 5000;

/**
 * Follows Zuul for failed builds (docs/operations.md): while it holds the lease, every
 * WATCH_INTERVAL_S it reads the builds completed since the low-water mark and gives each new one a
 * row, and every few seconds it carries every open row forward: a queued build gets its triage task,
 * a triage that ended its insight, an insight that finished its report. It never fetches logs; the
 * workers do.
 */
@Injectable()
export class Watcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Watcher');
  private readonly zuulOutage = new OutageLog(this.logger, 'Zuul', 'the watcher keeps polling');
  private pollTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private polling: Promise<void> = Promise.resolve();
  private holding = false;
  private stopped = false;
  private lastFollow = -Infinity;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly lease: WatchLease,
    private readonly follower: BuildFollower,
    private readonly store: WatchStore,
    private readonly tasks: TasksService,
    private readonly taskReader: TaskReader,
    private readonly insights: InsightsService,
    private readonly reporter: Reporter,
  ) {}

  onApplicationBootstrap(): void {
    const { pipelines, intervalMs, report } = this.config.watch;
    this.logger.log(`following Zuul pipelines ${pipelines?.join(',')} every ${intervalMs / 1000} s (reports: ${report})`);
    // The heartbeat alone takes and renews the lease, even while a long poll runs; the ticks work while it is held.
    this.heartbeat = setInterval(() => void this.renew(), intervalMs / 2);
    this.polling = this.renew().then(() => this.schedule(0));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    clearInterval(this.heartbeat);
    await this.polling;
    if (this.holding) await this.lease.release().catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => {
      this.polling = this.tick().finally(() => this.schedule(this.tickMs));
    }, delayMs);
  }

  private get tickMs(): number {
    return Math.min(this.config.watch.intervalMs, ADVANCE_EVERY_MS);
  }

  private async renew(): Promise<void> {
    try {
      const held = await this.lease.hold();
      if (held !== this.holding)
        this.logger.log(held ? `took the watcher lease (${this.lease.holder})` : 'another watcher holds the lease: waiting');
      this.holding = held;
    } catch (err) {
      this.logger.warn(`could not renew the watcher lease: ${(err as Error).message}`);
      this.holding = false;
    }
  }

  private async tick(): Promise<void> {
    if (this.stopped || !this.holding) return;
    try {
      // Half a tick of slack keeps the polls WATCH_INTERVAL_S apart, not a tick more.
      if (Date.now() - this.lastFollow >= this.config.watch.intervalMs - this.tickMs / 2) {
        this.lastFollow = Date.now();
        await this.follow();
      }
      await this.advanceOpen();
    } catch (err) {
      this.logger.warn(`watcher tick failed: ${(err as Error).message}`);
    }
  }

  /** One poll of Zuul: each new build gets its row; its triage task follows in advanceOpen. */
  private async follow(): Promise<void> {
    let poll;
    try {
      poll = await this.follower.poll();
    } catch (err) {
      const message = (err as Error).message;
      this.zuulOutage.failed(message);
      await this.store.saveError(message).catch(() => undefined);
      return;
    }
    this.zuulOutage.answered();
    let quota = this.config.watch.maxPerHour - (await this.store.queuedLastHour());
    for (const build of poll.fresh) {
      if (this.stopped || !this.holding) return;
      const row = this.follower.rowOf(build, quota > 0);
      if (await this.store.add(row)) {
        if (row.state === 'queued') quota--;
      }
    }
    await this.store.savePoll(poll.lowWater, poll.scanFrom);
  }

  /** Every row with something left to do: its task, its insight, its report. */
  private async advanceOpen(): Promise<void> {
    const open = await this.store.open();
    const taskIds = open.flatMap((b) => (b.taskId === null ? [] : [b.taskId]));
    const tasks = new Map((await this.taskReader.findMany(taskIds)).map((t) => [t.id, t]));
    for (const build of open) {
      if (this.stopped || !this.holding) return;
      try {
        await this.advance(build, build.taskId === null ? undefined : (tasks.get(build.taskId) ?? null));
      } catch (err) {
        this.logger.warn(`build ${build.buildUuid}: ${(err as Error).message}`);
      }
    }
  }

  /** `task`: the build's triage task as read this tick (null: purged), undefined while it has none. */
  private async advance(build: WatchedBuildEntity, task: TaskEntity | null | undefined): Promise<void> {
    if (task === undefined) {
      const fields = runFieldsOf(
        {
          change_id: build.changeId,
          change_project: build.project,
          branch: build.branch,
          name: build.job,
          pipeline: build.pipeline,
          revision: build.patchSet,
          status: build.result,
          build_uuid: build.buildUuid,
          finished_at: build.endTime,
        },
        build.logUrl!,
      );
      const { task: created } = await this.tasks.createOrReuseBehindFull(fields, 'triage');
      await this.store.update(build.buildUuid, { taskId: created.id });
      return;
    }
    if (!task) return this.store.update(build.buildUuid, { done: true, note: 'its task was purged' });
    if (task.status === 'queued' || task.status === 'running') return;
    if (task.status === 'error') {
      return this.store.update(build.buildUuid, {
        done: true,
        reportState: 'skipped',
        note: `triage failed: ${task.message ?? ''}`.slice(0, 255),
      });
    }
    if (build.insightId === null) {
      if (build.noTestResults) return this.reporter.report(build, task.id, null);
      try {
        const { uuid } = await this.insights.request(task.id, DEFAULT_INSIGHT_BUILDS);
        build.insightId = uuid;
        await this.store.update(build.buildUuid, { insightId: uuid });
      } catch (err) {
        // No test results to ask about (a devstack or POST_FAILURE build): the console tells.
        if (err instanceof ConflictException) {
          build.noTestResults = true;
          await this.store.update(build.buildUuid, { noTestResults: true });
          return this.reporter.report(build, task.id, null);
        }
        throw err;
      }
    }
    const result = await this.insights.result(build.insightId);
    if (result.finished) await this.reporter.report(build, task.id, result.body);
  }
}
