import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { TasksModule } from '../tasks/tasks.module';
import { CleanupLock } from './cleanup-lock';
import { CleanupScheduler } from './cleanup-scheduler';
import { CleanupService } from './cleanup.service';
import { RetentionPurge } from './retention-purge';
import { StorageController } from './storage.controller';
import { StorageReportService } from './storage-report.service';
import { StuckTaskRepair } from './stuck-task-repair';

/**
 * Retention and recovery. Every role but worker can run a pass (`--role=cleanup`
 * calls CleanupService once); the all and api roles also run it on CLEANUP_CRON and serve
 * GET /health/storage. Repairs stuck tasks through the tasks module.
 */
@Module({})
export class CleanupModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (config.role === 'worker') return { module: CleanupModule };
    const scheduled = config.role === 'all' || config.role === 'api';
    return {
      module: CleanupModule,
      imports: [TasksModule.forRoot(config), ...(scheduled ? [ScheduleModule.forRoot()] : [])],
      controllers: scheduled ? [StorageController] : [],
      providers: [
        CleanupLock,
        RetentionPurge,
        StuckTaskRepair,
        CleanupService,
        StorageReportService,
        ...(scheduled ? [CleanupScheduler] : []),
      ],
      exports: [CleanupService, StorageReportService],
    };
  }
}
