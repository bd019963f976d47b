import { Injectable, Logger } from '@nestjs/common';

export type TaskEndHook = (taskId: string) => Promise<void>;

/**
 * Work to do once a task has ended (finished or error), registered by the modules that wait on
 * tasks (flake insight finishes there when its last run ends). A hook that fails is logged: the
 * task has ended all the same, and whoever waits has its own way to catch up.
 */
@Injectable()
export class TaskEndHooks {
  private readonly logger = new Logger('TaskEndHooks');
  private readonly hooks: TaskEndHook[] = [];

  add(hook: TaskEndHook): void {
    this.hooks.push(hook);
  }

  async ended(taskId: string): Promise<void> {
    for (const hook of this.hooks) {
      try {
        await hook(taskId);
      } catch (err) {
        this.logger.warn(`after task ${taskId} ended: ${(err as Error).message}`);
      }
    }
  }
}
