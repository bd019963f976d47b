import { Injectable, Logger } from '@nestjs/common';
import type { StackVizFailure } from '../api-shapes';
import type { TaskEntity } from '../database/entities';

/** Hears failed tests a running task's scrape has found; the task's finish waits for what it returns. */
export type TaskFailureListener = (task: TaskEntity, failures: readonly StackVizFailure[]) => void | Promise<void>;

/**
 * The failed tests of a task's subunit stream as its scrape finds them, batch by batch, before the
 * task finishes: each failure of the `subunit-stats` it will store exactly once, in order. Heard
 * ahead of the finish so that the work they need can be done while the scrape still runs; advice,
 * not a record: the task may still end in error, or its scrape be run again and find them again.
 * A task's batches are heard one after another, beside the scrape; its finish waits for them
 * (`settled`) before its transaction. A listener that throws (or rejects) is logged; the others
 * still hear the failures, and the scrape goes on.
 */
@Injectable()
export class TaskFailureFeed {
  private readonly logger = new Logger('TaskFailureFeed');
  private readonly listeners: TaskFailureListener[] = [];
  /** Per task, the listeners' work not yet settled: one chain, so batches are heard in order. */
  private readonly pending = new Map<string, Promise<void>>();

  add(listener: TaskFailureListener): void {
    this.listeners.push(listener);
  }

  found(task: TaskEntity, failures: readonly StackVizFailure[]): void {
    if (failures.length === 0 || this.listeners.length === 0) return;
    const before = this.pending.get(task.id) ?? Promise.resolve();
    this.pending.set(
      task.id,
      before.then(() => this.hear(task, failures)),
    );
  }

  /** Waits for the work the task's failures started so far, then forgets it. */
  async settled(taskId: string): Promise<void> {
    const work = this.pending.get(taskId);
    if (!work) return;
    await work;
    if (this.pending.get(taskId) === work) this.pending.delete(taskId);
  }

  private async hear(task: TaskEntity, failures: readonly StackVizFailure[]): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(task, failures);
      } catch (err) {
        this.logger.warn(`a failure listener failed for task ${task.id}: ${(err as Error).message}`);
      }
    }
  }
}
