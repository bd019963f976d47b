import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ArtifactToStore } from '../artifacts/artifact-store';
import type { TaskEntity } from '../database/entities';

/** What a finish hook is given. */
export interface TaskFinish {
  /**
   * The transaction that stores the task's artifacts and its `finished` status: use it for every
   * query (on SQLite a second transaction would wait for this one).
   */
  manager: EntityManager;
  /** The row as finished. */
  task: TaskEntity;
  /** What was stored. */
  artifacts: readonly ArtifactToStore[];
  /** Work to do once this finish has committed, never when it rolls back; a failure there is logged. */
  afterCommit(work: () => void | Promise<void>): void;
}

/** Work that commits or rolls back with a task's finish. */
export type TaskFinishHook = (finish: TaskFinish) => Promise<void>;

/** What the hooks of one finish asked to do once it has committed. */
export type AfterCommit = () => Promise<void>;

/**
 * Hooks run inside the transaction that finishes a task, registered by the modules whose records
 * must exist exactly when the task has finished. A hook that throws rolls the whole finish back
 * (docs/architecture.md, "A task's life"); TaskEndHooks run after the commit.
 */
@Injectable()
export class TaskFinishHooks {
  private readonly logger = new Logger('TaskFinishHooks');
  private readonly hooks: TaskFinishHook[] = [];

  add(hook: TaskFinishHook): void {
    this.hooks.push(hook);
  }

  /** Runs every hook in `manager`'s transaction; the caller runs what it returns once that has committed. */
  async run(manager: EntityManager, task: TaskEntity, artifacts: readonly ArtifactToStore[]): Promise<AfterCommit> {
    const asked: (() => void | Promise<void>)[] = [];
    const finish: TaskFinish = { manager, task, artifacts, afterCommit: (work) => void asked.push(work) };
    for (const hook of this.hooks) await hook(finish);
    return async () => {
      for (const work of asked) {
        try {
          await work();
        } catch (err) {
          this.logger.warn(`after task ${task.id} finished: ${(err as Error).message}`);
        }
      }
    };
  }
}
