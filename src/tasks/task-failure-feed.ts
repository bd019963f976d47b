import { Injectable, Logger } from '@nestjs/common';
import type { StackVizFailure } from '../api-shapes';
import type { TaskEntity } from '../database/entities';

/**
 * Hears failed tests a running task's scrape has found. Not awaited: work it starts runs beside the
 * scrape, and the listener keeps it in order if it needs to.
 */
export type TaskFailureListener = (task: TaskEntity, failures: readonly StackVizFailure[]) => void | Promise<void>;

/**
 * The failed tests of a task's subunit stream as its scrape finds them, batch by batch, before the
 * task finishes: each failure of the `subunit-stats` it will store exactly once, in order. Heard
 * ahead of the finish so that the work they need can be done while the scrape still runs; advice,
 * not a record: the task may still end in error, or its scrape be run again and find them again.
 * A listener that throws (or rejects) is logged; the others still hear the failures, and the scrape
 * goes on.
 */
@Injectable()
export class TaskFailureFeed {
  private readonly logger = new Logger('TaskFailureFeed');
  private readonly listeners: TaskFailureListener[] = [];

  add(listener: TaskFailureListener): void {
    this.listeners.push(listener);
  }

  found(task: TaskEntity, failures: readonly StackVizFailure[]): void {
    for (const listener of this.listeners) {
      try {
        Promise.resolve(listener(task, failures)).catch((err: unknown) => this.failed(task, err));
      } catch (err) {
        this.failed(task, err);
      }
    }
  }

  private failed(task: TaskEntity, err: unknown): void {
    this.logger.warn(`a failure listener failed for task ${task.id}: ${(err as Error).message}`);
  }
}
