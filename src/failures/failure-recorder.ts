import { Injectable, OnModuleInit } from '@nestjs/common';
import { TaskFinishHooks } from '../tasks/task-finish-hooks';
import { artifactsBeingStored } from './artifact-source';
import { FailureOccurrences } from './failure-occurrences';

/** Records a task's failures in the transaction that finishes it: they exist exactly when the task has finished. */
@Injectable()
export class FailureRecorder implements OnModuleInit {
  constructor(
    private readonly finishHooks: TaskFinishHooks,
    private readonly occurrences: FailureOccurrences,
  ) {}

  onModuleInit(): void {
    this.finishHooks.add(async (m, task, artifacts) => {
      await this.occurrences.record(m, task, artifactsBeingStored(artifacts));
    });
  }
}
