import { Module } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { oncePerConfig } from '../common/once-per-config';
import { roleRuns } from '../config/role-runs';
import { QueueModule } from '../queue/queue.module';
import { QueueRecovery } from './queue-recovery';
import { TaskEndHooks } from './task-end-hooks';
import { TaskFinishHooks } from './task-finish-hooks';
import { TaskLifecycle } from './task-lifecycle.service';
import { TaskReader } from './task-reader';
import { TasksService } from './tasks.service';

/**
 * Tasks: creating them, queueing them, and every move of their status (TaskLifecycle); in a process
 * that stays up, the recovery of tasks whose job the queue lost. Imported by the modules that use
 * tasks, which share the one module built per config.
 */
@Module({})
export class TasksModule {
  static forRoot = oncePerConfig((config) => ({
    module: TasksModule,
    imports: [ArtifactsModule, QueueModule.forRoot(config)],
    providers: [
      TaskLifecycle,
      TasksService,
      TaskReader,
      TaskFinishHooks,
      TaskEndHooks,
      ...(roleRuns(config).staysUp ? [QueueRecovery] : []),
    ],
    exports: [TaskLifecycle, TasksService, TaskReader, TaskFinishHooks, TaskEndHooks, QueueModule.forRoot(config)],
  }));
}
