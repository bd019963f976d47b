import { Injectable, OnModuleInit } from '@nestjs/common';
import type { StackVizFailure } from '../api-shapes';
import type { TaskEntity } from '../database/entities';
import { Transactions } from '../database/transactions';
import { TaskEndHooks } from '../tasks/task-end-hooks';
import { TaskFailureFeed } from '../tasks/task-failure-feed';
import { TaskFinishHooks } from '../tasks/task-finish-hooks';
import { artifactsBeingStored } from './artifact-source';
import { FailureOccurrences } from './failure-occurrences';
import { OccurrenceChanges } from './occurrence-changes';
import { buildOf, Occurrence } from './task-occurrences';

const preparedKey = (test: string | null, signatureId: string) => `${test ?? ''}\n${signatureId}`;

/**
 * Records a task's failures in the transaction that finishes it: they count exactly when the task
 * has finished. What can be written before (names, the build's rows unfinished, their tests) is
 * written as the scrape finds its failures, so the finish writes a row per signature, not one per
 * failing test (docs/formats.md, "Failure occurrences"). Once the finish has committed,
 * OccurrenceChanges hears of it.
 */
@Injectable()
export class FailureRecorder implements OnModuleInit {
  /** Per running task, the (test, signature) pairs written ahead of its finish. */
  private readonly prepared = new Map<string, Set<string>>();

  constructor(
    private readonly finishHooks: TaskFinishHooks,
    private readonly endHooks: TaskEndHooks,
    private readonly feed: TaskFailureFeed,
    private readonly transactions: Transactions,
    private readonly occurrences: FailureOccurrences,
    private readonly changes: OccurrenceChanges,
  ) {}

  onModuleInit(): void {
    this.feed.add((task, failures) => this.prepare(task, failures));
    this.finishHooks.add(async ({ manager, task, artifacts, afterCommit }) => {
      const prepared = this.prepared.get(task.id);
      const recorded = await this.occurrences.record(
        manager,
        task,
        artifactsBeingStored(artifacts),
        prepared && ((o: Occurrence) => prepared.has(preparedKey(o.test, o.signatureId))),
      );
      if (recorded > 0) afterCommit(() => this.changes.committed());
    });
    this.endHooks.add(async (taskId) => void this.prepared.delete(taskId));
  }

  /** Writes ahead what these failures (found so far by the task's scrape) need; the finish writes what this did not. */
  private async prepare(task: TaskEntity, failures: readonly StackVizFailure[]): Promise<void> {
    const build = buildOf(task);
    const occurrences: Occurrence[] = [];
    for (const f of failures)
      if (f.cause !== undefined && f.signature_id !== undefined)
        occurrences.push({ signatureId: f.signature_id, signature: f.cause, test: f.name, build });
    if (occurrences.length === 0) return;
    await this.transactions.run((m) => this.occurrences.prepare(m, occurrences));
    const prepared = this.prepared.get(task.id) ?? new Set<string>();
    for (const o of occurrences) prepared.add(preparedKey(o.test, o.signatureId));
    this.prepared.set(task.id, prepared);
  }
}
