import { Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { oncePerConfig } from '../common/once-per-config';
import { AppConfig } from '../config/app-config';
import { roleRuns } from '../config/role-runs';
import { InsightEntity, InsightRunEntity, InsightTestEntity } from '../database/entities';
import { FailureCausesModule } from '../failures/failure-causes.module';
import { GerritModule } from '../gerrit/gerrit.module';
import { JobsModule } from '../jobs/jobs.module';
import { TasksModule } from '../tasks/tasks.module';
import { TestResultsModule } from '../test-results/test-results.module';
import { InsightController } from './insight.controller';
import { InsightFinisher } from './insight-finisher';
import { InsightPurge } from './insight-purge';
import { InsightRuns } from './insight-runs';
import { InsightsService } from './insights.service';

/**
 * Flake insight, and the `insights`, `insight_runs` and `insight_tests` tables, which no other
 * module reads. In a process that stays up the finisher waits for the runs' tasks to end; where HTTP
 * is served, POST /insight and /insight/result, which finish an insight too when they find its runs
 * all ended; the watcher asks for insights through the same InsightsService. Everywhere, the purge's part (InsightPurge), for the cleanup module.
 */
@Module({})
export class InsightModule {
  static forRoot = oncePerConfig((config: AppConfig) => {
    const { servesHttp, staysUp, runsWatcher } = roleRuns(config);
    const asks = servesHttp || runsWatcher;
    const providers: Provider[] = [InsightPurge];
    if (staysUp) providers.push(InsightRuns, InsightFinisher);
    if (asks) providers.push(InsightsService);
    return {
      module: InsightModule,
      imports: [
        TypeOrmModule.forFeature([InsightEntity, InsightRunEntity, InsightTestEntity]),
        TasksModule.forRoot(config),
        TestResultsModule,
        FailureCausesModule,
        ...(asks ? [GerritModule, JobsModule] : []),
      ],
      controllers: servesHttp ? [InsightController] : [],
      providers,
      exports: [InsightPurge, ...(asks ? [InsightsService] : [])],
    };
  });
}
