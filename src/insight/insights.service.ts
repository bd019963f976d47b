import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, Repository } from 'typeorm';
import type { InsightAccepted, InsightProgress, InsightResult } from '../api-shapes';
import { databaseTimeAgo } from '../database/db-clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InsightEntity, InsightRunEntity, InsightTestEntity } from '../database/entities';
import { isUniqueViolation } from '../database/unique-violation';
import { ZuulClient } from '../gerrit/zuul-client';
import { JobsService } from '../jobs/jobs.service';
import { runFieldsOf } from '../tasks/task-entry';
import { TaskReader } from '../tasks/task-reader';
import { TasksService } from '../tasks/tasks.service';
import { TestIndexes } from '../test-results/test-indexes';
import { testResultsUnavailable } from '../test-results/test-results-unavailable';
import { InsightFinisher } from './insight-finisher';
import { InsightRuns } from './insight-runs';
import { insightSubjectOf } from './insight-subject';
import { gatherOtherRuns } from './other-runs';

export const DEFAULT_INSIGHT_BUILDS = 20;
export const MAX_INSIGHT_BUILDS = 50;
/** A queued insight older than this was left behind by a request that never finished creating it. */
const ABANDONED_AFTER_MS = 10 * 60 * 1000;

/**
 * POST /insight and /insight/result. Asking gathers the other runs (Gerrit and Zuul, from this
 * process) and hands each to the queue as an ordinary task, reusing any live task of the same
 * logs; the workers fetch, and the last run to end finishes the insight (InsightFinisher).
 */
@Injectable()
export class InsightsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(InsightEntity) private readonly insights: Repository<InsightEntity>,
    @InjectRepository(InsightRunEntity) private readonly insightRuns: Repository<InsightRunEntity>,
    @InjectRepository(InsightTestEntity) private readonly insightTests: Repository<InsightTestEntity>,
    private readonly tasks: TasksService,
    private readonly taskReader: TaskReader,
    private readonly indexes: TestIndexes,
    private readonly jobs: JobsService,
    private readonly zuul: ZuulClient,
    private readonly runs: InsightRuns,
    private readonly finisher: InsightFinisher,
  ) {}

  /** The task's insight: the existing one (queued, running or finished), or a new one over up to `builds` other runs. */
  async request(taskId: string, builds: number): Promise<InsightAccepted> {
    const task = await this.taskReader.get(taskId);
    const existing = await this.insights.findOneBy({ taskId });
    if (existing && !(await this.abandoned(existing))) return { uuid: existing.id, status: existing.status };
    const subject = insightSubjectOf(task);
    const unavailable = testResultsUnavailable('task', task, await this.indexes.ofTask(task));
    if (unavailable) throw new ConflictException(`${unavailable}; flake insight needs the run's test results`);

    const tenant = this.config.zuulTenant;
    const others = await gatherOtherRuns(subject, builds, {
      // A change Gerrit does not know (a build of another review system) has no history to read.
      history: (change) =>
        this.jobs.history(change, null).catch((err: unknown) => (err instanceof NotFoundException ? [] : Promise.reject(err))),
      recentBuilds: async (limit) => this.jobs.zuulEntries(await this.zuul.completedBuildsOfJob(tenant, subject.job, limit)),
    });

    const insight = this.insights.create({ id: randomUUID(), taskId, status: 'queued', job: subject.job, builds });
    try {
      await this.insights.insert(insight);
    } catch (err) {
      const winner = isUniqueViolation(err) ? await this.insights.findOneBy({ taskId }) : null;
      if (winner) return { uuid: winner.id, status: winner.status };
      throw err;
    }
    try {
      const rows: InsightRunEntity[] = await Promise.all(
        others.map(async (run, seq) => {
          const { task: runTask } = await this.tasks.createOrReuseBehindFull(runFieldsOf(run.fields, run.fields.url), 'tests');
          return { insightId: insight.id, seq, taskId: runTask.id, sameChange: run.sameChange };
        }),
      );
      if (rows.length > 0) await this.insightRuns.insert(rows);
      await this.insights.update({ id: insight.id, status: 'queued' }, { status: 'running' });
      insight.status = 'running';
    } catch (err) {
      // Nothing points at it yet; the tasks it queued are ordinary tasks and stay.
      await this.insights.delete({ id: insight.id });
      throw err;
    }
    // Every run may have been scraped already: then there is no run left to end and finish it.
    const { finished } = await this.finisher.finishIfDone(insight, task);
    return { uuid: insight.id, status: finished ? 'finished' : 'running' };
  }

  /**
   * An insight is `queued` only while the request that made it creates its runs' tasks, which takes
   * seconds; one queued for long lost that request (its process died). It is removed, so asking
   * again starts afresh; the conditional delete lets one of concurrent askers do it.
   */
  private async abandoned(insight: InsightEntity): Promise<boolean> {
    if (insight.status !== 'queued') return false;
    const cutoff = await databaseTimeAgo(this.dataSource, ABANDONED_AFTER_MS);
    await this.dataSource.query("DELETE FROM insights WHERE id = ? AND status = 'queued' AND updated_at < ?", [insight.id, cutoff]);
    return (await this.insights.findOneBy({ id: insight.id })) === null;
  }

  /** The finished result, or the progress while its runs are scraped. */
  async result(id: string): Promise<{ finished: true; body: InsightResult } | { finished: false; body: InsightProgress }> {
    const insight = await this.insights.findOneBy({ id });
    if (!insight) throw new NotFoundException(`no insight ${id}`);
    const state = await this.finisher.finishIfDone(insight);
    if (state.finished) return { finished: true, body: await this.read(insight) };
    const status = insight.status === 'queued' ? 'queued' : 'running';
    return { finished: false, body: { uuid: id, status, done: state.done, total: state.total } };
  }

  private async read(insight: InsightEntity): Promise<InsightResult> {
    const runs = await this.runs.list(insight.id);
    const byTask = new Map(runs.map((r) => [r.task, r]));
    const rows = await this.insightTests.find({ where: { insightId: insight.id }, order: { seq: 'ASC' } });
    return {
      uuid: insight.id,
      status: 'finished',
      task: insight.taskId,
      job: insight.job,
      builds: insight.builds,
      runs,
      tests: rows.map((r) => {
        const last = r.lastFailedTask === null ? undefined : byTask.get(r.lastFailedTask);
        return {
          name: r.name,
          status_here: 'fail',
          cause: r.cause,
          signature_id: r.signatureId,
          other_changes: {
            runs: r.otherRuns,
            failed: r.otherFailed,
            passed: r.otherPassed,
            skipped: r.otherSkipped,
            changes: r.otherChanges,
            same_cause: r.otherSameCause,
          },
          same_change: { runs: r.sameRuns, failed: r.sameFailed, passed: r.samePassed, skipped: r.sameSkipped },
          verdict: r.verdict,
          last_failed: last ? { task: last.task, change_id: last.change_id, finished_at: last.finished_at } : null,
        };
      }),
    };
  }
}
