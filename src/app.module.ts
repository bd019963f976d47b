import { DynamicModule, Module } from '@nestjs/common';
import { BlobModule } from './artifacts/blob.module';
import { CleanupModule } from './cleanup/cleanup.module';
import { CompareModule } from './compare/compare.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { roleRuns } from './config/role-runs';
import { DatabaseModule } from './database/database.module';
import { FailuresModule } from './failures/failures.module';
import { HealthModule } from './health/health.module';
import { InsightModule } from './insight/insight.module';
import { ListModule } from './jobs/list.module';
import { ScrapeModule } from './scrape/scrape.module';
import { WatchModule } from './watch/watch.module';

/** The whole service; which parts run depends on the role (roleRuns). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const runs = roleRuns(config);
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        ScrapeModule.forRoot(config),
        CleanupModule.forRoot(config),
        InsightModule.forRoot(config),
        FailuresModule.forRoot(config),
        WatchModule.forRoot(config),
        ...(runs.servesHttp ? [HealthModule.forRoot(config), ListModule, CompareModule.forRoot(config), BlobModule] : []),
      ],
    };
  }
}
