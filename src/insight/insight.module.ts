import { DynamicModule, Module, Provider } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { roleRuns } from '../config/role-runs';
import { GerritModule } from '../gerrit/gerrit.module';
import { JobsModule } from '../jobs/jobs.module';
import { TasksModule } from '../tasks/tasks.module';
import { TestResultsModule } from '../test-results/test-results.module';
import { InsightController } from './insight.controller';
import { InsightFinisher } from './insight-finisher.service';
import { InsightRuns } from './insight-runs';
import { InsightsService } from './insights.service';

/**
 * Flake insight. Where jobs run (worker, all) the finisher waits for the runs' tasks to end; where
 * HTTP is served (api, all) POST /insight and /insight/result, which finish an insight too when
 * they find its runs all ended.
 */
@Module({})
export class InsightModule {
  static forRoot(config: AppConfig): DynamicModule {
    const { servesHttp } = roleRuns(config);
    const providers: Provider[] = [InsightRuns, InsightFinisher];
    if (servesHttp) providers.push(InsightsService);
    return {
      module: InsightModule,
      imports: [TasksModule.forRoot(config), TestResultsModule, ...(servesHttp ? [GerritModule, JobsModule] : [])],
      controllers: servesHttp ? [InsightController] : [],
      providers,
    };
  }
}
