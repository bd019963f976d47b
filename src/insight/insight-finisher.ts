import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { InsightTest } from '../api-shapes';
import { InsightEntity, InsightTestEntity, type TaskEntity } from '../database/entities';
import { Transactions } from '../database/transactions';
import { failureCauseOf } from '../failure-cause/failure-cause';
import { StoredFailureCauses } from '../failures/stored-failure-causes';
import { TaskEndHooks } from '../tasks/task-end-hooks';
import { TaskReader } from '../tasks/task-reader';
import { TestIndexes } from '../test-results/test-indexes';
import { InsightRuns } from './insight-runs';
import { insightTest, Observation } from './verdicts';

/** Result rows per insert. */
const INSERT_BATCH = 200;

function testRow(insightId: string, seq: number, t: InsightTest): InsightTestEntity {
  return {
    insightId,
    seq,
    name: t.name,
    verdict: t.verdict,
    cause: t.cause,
    signatureId: t.signature_id,
    otherRuns: t.other_changes.runs,
    otherFailed: t.other_changes.failed,
    otherPassed: t.other_changes.passed,
    otherSkipped: t.other_changes.skipped,
    otherChanges: t.other_changes.changes,
    otherSameCause: t.other_changes.same_cause,
    sameRuns: t.same_change.runs,
    sameFailed: t.same_change.failed,
    samePassed: t.same_change.passed,
    sameSkipped: t.same_change.skipped,
    lastFailedTask: t.last_failed?.task ?? null,
  };
}

/**
 * Finishes an insight once every run it reads has ended: computes the verdicts and stores them
 * exactly once. It runs where a run's task ends (a TaskEndHooks hook, in the worker) and whenever
 * /insight/result finds every run ended, so a lost hook never leaves an insight running. Two
 * finishers at once both compute; a conditional status update lets one of them store.
 */
@Injectable()
export class InsightFinisher implements OnModuleInit {
  constructor(
    @InjectRepository(InsightEntity) private readonly insights: Repository<InsightEntity>,
    private readonly tasks: TaskReader,
    private readonly runs: InsightRuns,
    private readonly indexes: TestIndexes,
    private readonly causes: StoredFailureCauses,
    private readonly transactions: Transactions,
    private readonly endHooks: TaskEndHooks,
  ) {}

  onModuleInit(): void {
    this.endHooks.add((taskId) => this.runEnded(taskId));
  }

  private async runEnded(taskId: string): Promise<void> {
    for (const id of await this.runs.runningInsightsReading(taskId)) {
      const insight = await this.insights.findOneBy({ id });
      if (insight) await this.finishIfDone(insight);
    }
  }

  /**
   * Finished (now, or before), or how many of its runs have ended. `task`, when the caller holds
   * it, is the insight's own task.
   */
  async finishIfDone(
    insight: InsightEntity,
    task?: TaskEntity,
  ): Promise<{ finished: true } | { finished: false; done: number; total: number }> {
    if (insight.status === 'finished') return { finished: true };
    const progress = await this.runs.progress(insight.id);
    if (insight.status !== 'running' || progress.done < progress.total) return { finished: false, ...progress };
    await this.store(insight.id, await this.verdicts(insight, task ?? (await this.tasks.get(insight.taskId))));
    return { finished: true };
  }

  /**
   * One row per test that failed in the task. Reads each run's compact test index (cached), one
   * run at a time, and keeps only what it says about those tests; and the causes of those tests'
   * failures, in the task and in the other-change runs where they failed too (StoredFailureCauses).
   */
  private async verdicts(insight: InsightEntity, task: TaskEntity): Promise<InsightTest[]> {
    const failing = (await this.indexes.ofTask(task))?.namesWithStatus('fail') ?? [];
    const causes = await this.causes.ofTask(task.id, new Set(failing));
    const observations = new Map<string, Observation[]>(failing.map((name) => [name, []]));
    for (const run of await this.runs.list(insight.id)) {
      const index = await this.indexes.ofTask({ id: run.task, status: run.status });
      if (!index) continue;
      const samePatchSet = run.same_change && run.revision !== null && run.revision === task.revision;
      const failedThere = run.same_change ? [] : failing.filter((name) => index.get(name)?.status === 'fail');
      const causesThere = failedThere.length > 0 ? await this.causes.ofTask(run.task, new Set(failedThere)) : new Map();
      for (const name of failing) {
        const result = index.get(name);
        if (!result) continue;
        observations.get(name)!.push({
          sameChange: run.same_change,
          samePatchSet,
          status: result.status,
          signatureId: causesThere.get(name)?.signature_id ?? null,
          task: run.task,
          changeId: run.change_id,
          finishedAt: run.finished_at,
        });
      }
    }
    return failing.map((name) => insightTest(name, causes.get(name) ?? failureCauseOf({}, name), observations.get(name)!));
  }

  private store(id: string, tests: InsightTest[]): Promise<boolean> {
    return this.transactions.run(async (m) => {
      const claimed = await m
        .createQueryBuilder()
        .update(InsightEntity)
        .set({ status: 'finished' })
        .where('id = :id', { id })
        .andWhere('status = :running', { running: 'running' })
        .execute();
      if (claimed.affected !== 1) return false;
      const rows = tests.map((t, seq) => testRow(id, seq, t));
      for (let i = 0; i < rows.length; i += INSERT_BATCH) await m.insert(InsightTestEntity, rows.slice(i, i + INSERT_BATCH));
      return true;
    });
  }
}
