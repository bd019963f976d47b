import { DynamicModule, Module } from '@nestjs/common';
import { CleanupModule } from './cleanup/cleanup.module';
import { CompareModule } from './compare/compare.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { InsightModule } from './insight/insight.module';
import { JobsModule } from './jobs/jobs.module';
import { ScrapeModule } from './scrape/scrape.module';

/** The whole service; which parts run depends on the role (README, "Roles"). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const servesHttp = config.role === 'all' || config.role === 'api';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        ScrapeModule.forRoot(config),
        CleanupModule.forRoot(config),
        ...(config.role === 'cleanup' ? [] : [InsightModule.forRoot(config)]),
        ...(servesHttp ? [HealthModule.forRoot(config), JobsModule, CompareModule] : []),
      ],
    };
  }
}
