import { Module } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { oncePerConfig } from '../common/once-per-config';
import { QueueModule } from '../queue/queue.module';
import { TaskEndHooks } from './task-end-hooks';
import { TaskFinishHooks } from './task-finish-hooks';
import { TaskLifecycle } from './task-lifecycle.service';
import { TasksService } from './tasks.service';

/**
 * Tasks: creating them, queueing them, and every move of their status (TaskLifecycle). Imported by
 * the scrape and cleanup modules, which share the one module built per config.
 */
@Module({})
export class TasksModule {
  static forRoot = oncePerConfig((config) => ({
    module: TasksModule,
    imports: [ArtifactsModule, QueueModule.forRoot(config)],
    providers: [TaskLifecycle, TasksService, TaskFinishHooks, TaskEndHooks],
    exports: [TaskLifecycle, TasksService, TaskFinishHooks, TaskEndHooks, QueueModule.forRoot(config)],
  }));
}
