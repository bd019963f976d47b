import { Injectable } from '@nestjs/common';
import { ArtifactStore } from '../artifacts/artifact-store';
import { storedArtifacts } from './artifact-source';
import { failureCausesOf } from './failed-tests';
import type { FailureCause } from '../failure-cause/failure-cause';

/** The cause of each failed test of a finished task, as stored with it (failureCausesOf). */
@Injectable()
export class StoredFailureCauses {
  constructor(private readonly store: ArtifactStore) {}

  /**
   * A cause for each of `names` (StackViz's test names) that the task's results list as failed,
   * else for every failure they list. A failure with nothing recorded gets the "no traceback" cause.
   */
  async ofTask(taskId: string, names?: ReadonlySet<string>): Promise<Map<string, FailureCause>> {
    return failureCausesOf(await storedArtifacts(this.store, taskId), names);
  }
}
