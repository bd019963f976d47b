import { Injectable, Logger } from '@nestjs/common';
import type { StackVizFailure } from '../api-shapes';
import type { TaskEntity } from '../database/entities';

/** Hears failed tests a running task's scrape has found; the task's finish waits for what it returns. */
export type TaskFailureListener = (task: TaskEntity, failures: readonly StackVizFailure[]) => void | Promise<void>;

/** A task whose failures are being heard: those not handed over yet, and the listeners' work on the others. */
interface Hearing {
  task: TaskEntity;
  waiting: StackVizFailure[];
  work: Promise<void> | null;
}

/**
 * The failed tests of a task's subunit stream as its scrape finds them, before the task finishes:
 * each failure of the `subunit-stats` it will store exactly once, in order. Heard ahead of the
 * finish so that the work they need can be done while the scrape still runs; advice, not a record:
 * the task may still end in error, or its scrape be run again and find them again. A task's
 * batches are heard one after another, beside the scrape (those found while its listeners work are
 * heard together next: fewer, larger writes); a finished task's finish waits for them (`settled`)
 * before its transaction. A listener that throws (or rejects) is logged; the others still hear the failures,
 * and the scrape goes on.
 */
@Injectable()
export class TaskFailureFeed {
  private readonly logger = new Logger('TaskFailureFeed');
  private readonly listeners: TaskFailureListener[] = [];
  private readonly hearing = new Map<string, Hearing>();

  add(listener: TaskFailureListener): void {
    this.listeners.push(listener);
  }

  found(task: TaskEntity, failures: readonly StackVizFailure[]): void {
    if (failures.length === 0 || this.listeners.length === 0) return;
    let hearing = this.hearing.get(task.id);
    if (!hearing) this.hearing.set(task.id, (hearing = { task, waiting: [], work: null }));
    hearing.waiting.push(...failures);
    this.hear(hearing);
  }

  /** Waits for the listeners' work on all the task's failures found so far. */
  async settled(taskId: string): Promise<void> {
    const hearing = this.hearing.get(taskId);
    if (!hearing) return;
    while (hearing.work || hearing.waiting.length > 0) {
      this.hear(hearing);
      await hearing.work;
    }
    this.hearing.delete(taskId);
  }

  /** Drops what the task's failures still wait for (its scrape ended without finishing). */
  forget(taskId: string): void {
    const hearing = this.hearing.get(taskId);
    if (hearing) hearing.waiting = [];
    this.hearing.delete(taskId);
  }

  /** Starts the listeners on what waits, unless they are at work already. */
  private hear(hearing: Hearing): void {
    if (hearing.work || hearing.waiting.length === 0) return;
    hearing.work = this.handOver(hearing).finally(() => (hearing.work = null));
  }

  private async handOver(hearing: Hearing): Promise<void> {
    while (hearing.waiting.length > 0) {
      const failures = hearing.waiting;
      hearing.waiting = [];
      for (const listener of this.listeners) {
        try {
          await listener(hearing.task, failures);
        } catch (err) {
          this.logger.warn(`a failure listener failed for task ${hearing.task.id}: ${(err as Error).message}`);
        }
      }
    }
  }
}
