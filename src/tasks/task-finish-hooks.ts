import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ArtifactToStore } from '../artifacts/artifact-store';
import type { TaskEntity } from '../database/entities';

/**
 * Work that commits or rolls back with a task's finish. `manager` is the transaction that stores
 * the task's artifacts and its `finished` status (use it for every query: on SQLite a second
 * transaction would wait for this one); `task` is the row as finished; `artifacts`, what was stored.
 */
export type TaskFinishHook = (manager: EntityManager, task: TaskEntity, artifacts: readonly ArtifactToStore[]) => Promise<void>;

/**
 * Hooks run inside the transaction that finishes a task, registered by the modules whose records
 * must exist exactly when the task has finished. A hook that throws rolls the whole finish back
 * (docs/architecture.md, "A task's life"); TaskEndHooks run after the commit.
 */
@Injectable()
export class TaskFinishHooks {
  private readonly hooks: TaskFinishHook[] = [];

  add(hook: TaskFinishHook): void {
    this.hooks.push(hook);
  }

  async run(manager: EntityManager, task: TaskEntity, artifacts: readonly ArtifactToStore[]): Promise<void> {
    for (const hook of this.hooks) await hook(manager, task, artifacts);
  }
}
