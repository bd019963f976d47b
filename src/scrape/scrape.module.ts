import { DynamicModule, Module, Provider } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { roleRuns } from '../config/role-runs';
import { GerritModule } from '../gerrit/gerrit.module';
import { ArtifactFetcher } from './fetch';
import { MissingLogs } from './missing-logs';
import { ScrapeController } from './scrape.controller';
import { ScrapeRunner } from './scrape-runner';
import { TaskAnswers } from './task-answers.service';
import { TasksModule } from '../tasks/tasks.module';

/**
 * /scrape, /status, /task where HTTP is served, and the scrape job itself where jobs run: the
 * runner registers itself with the queue there.
 */
@Module({})
export class ScrapeModule {
  static forRoot(config: AppConfig): DynamicModule {
    const { runsJobs, servesHttp } = roleRuns(config);
    const providers: Provider[] = servesHttp ? [TaskAnswers] : [];
    if (runsJobs) {
      providers.push(ScrapeRunner, MissingLogs, {
        provide: ArtifactFetcher,
        inject: [APP_CONFIG],
        useFactory: (c: AppConfig) =>
          new ArtifactFetcher({
            allowedHosts: c.artifactHosts,
            timeoutMs: c.fetchTimeoutMs,
            totalTimeoutMs: c.artifactTimeoutMs,
            maxBytes: c.maxArtifactBytes,
          }),
      });
    }
    return {
      module: ScrapeModule,
      imports: [ArtifactsModule, TasksModule.forRoot(config), ...(runsJobs ? [GerritModule] : [])],
      controllers: servesHttp ? [ScrapeController] : [],
      providers,
    };
  }
}
