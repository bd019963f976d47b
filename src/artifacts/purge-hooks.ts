import { Injectable, Logger } from '@nestjs/common';

/** What one committed batch of the retention purge removed. */
export interface PurgedBatch {
  taskIds: readonly string[];
  artifactIds: readonly string[];
}

export type PurgeHook = (batch: PurgedBatch) => void;

/**
 * The in-memory caches of ended tasks (their /status and /task answers, test indexes, small blobs)
 * keep entries for minutes, since such a task never changes until the retention purge removes it.
 * They register here, and the purge calls them once each batch's deletion has committed, so a purged
 * task answers 404 at once in the process that purged it. Caches in other processes drop their
 * entries when these expire (docs/architecture.md, "Caches and the purge").
 */
@Injectable()
export class PurgeHooks {
  private readonly logger = new Logger('PurgeHooks');
  private readonly hooks: PurgeHook[] = [];

  add(hook: PurgeHook): void {
    this.hooks.push(hook);
  }

  purged(batch: PurgedBatch): void {
    for (const hook of this.hooks) {
      try {
        hook(batch);
      } catch (err) {
        this.logger.warn(`after a purge of ${batch.taskIds.length} tasks: ${(err as Error).message}`);
      }
    }
  }
}
