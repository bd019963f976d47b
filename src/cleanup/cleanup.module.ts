import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { roleRuns } from '../config/role-runs';
import { FailuresModule } from '../failures/failures.module';
import { InsightModule } from '../insight/insight.module';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { TasksModule } from '../tasks/tasks.module';
import { WatchModule } from '../watch/watch.module';
import { CleanupLock } from './cleanup-lock';
import { CleanupScheduler } from './cleanup-scheduler';
import { CleanupService } from './cleanup.service';
import { RetentionPurge } from './retention-purge';
import { StorageController } from './storage.controller';
import { StorageReportService } from './storage-report.service';
import { StuckTaskRepair } from './stuck-task-repair';

/**
 * Retention and recovery: a pass run once (`--role=cleanup` calls CleanupService) or on
 * CLEANUP_CRON, as roleRuns decides, and GET /health/storage where HTTP is served. Reads and
 * deletes through the modules that own the tables: tasks, artifacts, insight, failures, watch.
 */
@Module({})
export class CleanupModule {
  static forRoot(config: AppConfig): DynamicModule {
    const { runsSchedule, runsCleanupOnce, servesHttp } = roleRuns(config);
    if (!runsSchedule && !runsCleanupOnce) return { module: CleanupModule };
    return {
      module: CleanupModule,
      imports: [
        TasksModule.forRoot(config),
        ArtifactsModule,
        InsightModule.forRoot(config),
        FailuresModule.forRoot(config),
        WatchModule.forRoot(config),
        ...(runsSchedule ? [ScheduleModule.forRoot()] : []),
      ],
      controllers: servesHttp ? [StorageController] : [],
      providers: [
        CleanupLock,
        RetentionPurge,
        StuckTaskRepair,
        CleanupService,
        StorageReportService,
        ...(runsSchedule ? [CleanupScheduler] : []),
      ],
      exports: [CleanupService, StorageReportService],
    };
  }
}
