import { Injectable, OnModuleInit } from '@nestjs/common';
import { TaskFinishHooks } from '../tasks/task-finish-hooks';
import { artifactsBeingStored } from './artifact-source';
import { FailureOccurrences } from './failure-occurrences';
import { OccurrenceChanges } from './occurrence-changes';

/**
 * Records a task's failures in the transaction that finishes it: they exist exactly when the task
 * has finished. Once that has committed, OccurrenceChanges hears of the recording.
 */
@Injectable()
export class FailureRecorder implements OnModuleInit {
  constructor(
    private readonly finishHooks: TaskFinishHooks,
    private readonly occurrences: FailureOccurrences,
    private readonly changes: OccurrenceChanges,
  ) {}

  onModuleInit(): void {
    this.finishHooks.add(async ({ manager, task, artifacts, afterCommit }) => {
      if ((await this.occurrences.record(manager, task, artifactsBeingStored(artifacts))) > 0) afterCommit(() => this.changes.committed());
    });
  }
}
