import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { oncePerConfig } from '../common/once-per-config';
import { roleRuns } from '../config/role-runs';
import { TaskEntity } from '../database/entities';
import { QueueModule } from '../queue/queue.module';
import { QueueRecovery } from './queue-recovery';
import { TaskEndHooks } from './task-end-hooks';
import { TaskFailureFeed } from './task-failure-feed';
import { TaskFinishHooks } from './task-finish-hooks';
import { TaskLifecycle } from './task-lifecycle';
import { TaskPurge } from './task-purge';
import { TaskReader } from './task-reader';
import { TasksService } from './tasks.service';

/** What the module provides and every importer may use. */
const SHARED = [TaskLifecycle, TasksService, TaskReader, TaskPurge, TaskFinishHooks, TaskFailureFeed, TaskEndHooks];

/**
 * Tasks and the `tasks` table, which no other module reads: creating tasks and queueing them
 * (TasksService), every move of their status (TaskLifecycle), reading them (TaskReader), the purge's
 * part (TaskPurge); in a process that stays up, the recovery of tasks whose job the queue lost.
 * Imported by the modules that use tasks, which share the one module built per config.
 */
@Module({})
export class TasksModule {
  static forRoot = oncePerConfig((config) => ({
    module: TasksModule,
    imports: [TypeOrmModule.forFeature([TaskEntity]), ArtifactsModule, QueueModule.forRoot(config)],
    providers: [...SHARED, ...(roleRuns(config).staysUp ? [QueueRecovery] : [])],
    exports: [...SHARED, QueueModule.forRoot(config)],
  }));
}
