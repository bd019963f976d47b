import { Injectable, Logger } from '@nestjs/common';
import type { StackVizFailure } from '../api-shapes';
import type { TaskEntity } from '../database/entities';

/** Hears the failures a running task's scrape has found so far; what it returns, the task's finish waits for. */
export type FailuresFoundListener = (task: TaskEntity, failures: readonly StackVizFailure[]) => void | Promise<void>;

/**
 * Failures a scrape finds, heard while it still runs (batch by batch, as its test results are
 * written), so that work they need can be done before the task's finish. The finish waits for
 * that work (`settled`) before its transaction; a listener that fails is logged, and the finish
 * does what it left.
 */
@Injectable()
export class TaskFailureFeed {
  private readonly logger = new Logger('TaskFailureFeed');
  private readonly listeners: FailuresFoundListener[] = [];
  /** Per task, the listeners' work still running, one chain so it runs in the order heard. */
  private readonly pending = new Map<string, Promise<void>>();

  add(listener: FailuresFoundListener): void {
    this.listeners.push(listener);
  }

  found(task: TaskEntity, failures: readonly StackVizFailure[]): void {
    if (failures.length === 0 || this.listeners.length === 0) return;
    const before = this.pending.get(task.id) ?? Promise.resolve();
    this.pending.set(
      task.id,
      before.then(async () => {
        for (const listener of this.listeners) {
          try {
            await listener(task, failures);
          } catch (err) {
            this.logger.warn(`failures of task ${task.id} heard early: ${(err as Error).message}`);
          }
        }
      }),
    );
  }

  /** Waits for the work the task's failures started, then forgets it. */
  async settled(taskId: string): Promise<void> {
    const work = this.pending.get(taskId);
    if (!work) return;
    await work;
    if (this.pending.get(taskId) === work) this.pending.delete(taskId);
  }
}
