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
 * A task's batches are heard one after another, beside the scrape (those found while its listeners
 * work are heard together next: fewer, larger writes); its finish waits for them (`settled`)
 * before its transaction. A listener that throws (or rejects) is logged; the others
 * still hear the failures, and the scrape goes on.
 */
@Injectable()
export class TaskFailureFeed {
  private readonly logger = new Logger('TaskFailureFeed');
  private readonly listeners: TaskFailureListener[] = [];
  /** Per task being heard: the failures found since its listeners were last called, and the work hearing them. */
  private readonly hearing = new Map<string, { waiting: StackVizFailure[]; work: Promise<void> }>();

  add(listener: TaskFailureListener): void {
    this.listeners.push(listener);
  }

  /** Hands the failures to the listeners at once, or, while they still work on the task's earlier ones, together with the others found meanwhile. */
  found(task: TaskEntity, failures: readonly StackVizFailure[]): void {
    if (failures.length === 0 || this.listeners.length === 0) return;
    const hearing = this.hearing.get(task.id);
    if (hearing) {
      hearing.waiting.push(...failures);
      return;
    }
    const started = { waiting: [...failures], work: Promise.resolve() };
    this.hearing.set(task.id, started);
    started.work = this.hearAll(task, started);
  }

  /** Waits for the work the task's failures started so far. */
  async settled(taskId: string): Promise<void> {
    await this.hearing.get(taskId)?.work;
  }

  private async hearAll(task: TaskEntity, hearing: { waiting: StackVizFailure[] }): Promise<void> {
    while (hearing.waiting.length > 0) {
      const failures = hearing.waiting;
      hearing.waiting = [];
      for (const listener of this.listeners) {
        try {
          await listener(task, failures);
        } catch (err) {
          this.logger.warn(`a failure listener failed for task ${task.id}: ${(err as Error).message}`);
        }
      }
    }
    this.hearing.delete(task.id);
  }
}
