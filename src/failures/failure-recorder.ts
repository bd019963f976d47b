import { Injectable, OnModuleInit } from '@nestjs/common';
import { TaskEndHooks } from '../tasks/task-end-hooks';
import { TaskFinishHooks } from '../tasks/task-finish-hooks';
import { artifactsBeingStored } from './artifact-source';
import { FailureOccurrences } from './failure-occurrences';
import { OccurrenceChanges } from './occurrence-changes';

/**
 * Records a task's failures in the transaction that finishes it: they exist exactly when the task
 * has finished. Once it has ended (after the commit), OccurrenceChanges hears of the recording.
 */
@Injectable()
export class FailureRecorder implements OnModuleInit {
  /** Tasks whose finish recorded occurrences, until they have ended. */
  private readonly recording = new Set<string>();

  constructor(
    private readonly finishHooks: TaskFinishHooks,
    private readonly endHooks: TaskEndHooks,
    private readonly occurrences: FailureOccurrences,
    private readonly changes: OccurrenceChanges,
  ) {}

  onModuleInit(): void {
    this.finishHooks.add(async (m, task, artifacts) => {
      if ((await this.occurrences.record(m, task, artifactsBeingStored(artifacts))) > 0) this.recording.add(task.id);
    });
    this.endHooks.add(async (taskId) => {
      if (this.recording.delete(taskId)) this.changes.committed();
    });
  }
}
