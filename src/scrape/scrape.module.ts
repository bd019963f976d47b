import { DynamicModule, Module, Provider } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { GerritModule } from '../gerrit/gerrit.module';
import { ArtifactFetcher } from './fetch';
import { MissingLogs } from './missing-logs';
import { QueueRecovery } from '../tasks/queue-recovery';
import { ScrapeController } from './scrape.controller';
import { ScrapeRunner } from './scrape-runner';
import { TaskAnswers } from './task-answers.service';
import { TasksModule } from '../tasks/tasks.module';

/**
 * /scrape, /status, /task, and the scrape job itself where jobs run (worker and all roles): the
 * runner registers itself with the queue there. Every process with a queue recovers queued tasks
 * whose job the queue lost.
 */
@Module({})
export class ScrapeModule {
  static forRoot(config: AppConfig): DynamicModule {
    const runsJobs = config.role === 'all' || config.role === 'worker';
    const servesHttp = config.role === 'all' || config.role === 'api';
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
    if (config.role !== 'cleanup') providers.push(QueueRecovery);
    return {
      module: ScrapeModule,
      imports: [ArtifactsModule, TasksModule.forRoot(config), ...(runsJobs ? [GerritModule] : [])],
      controllers: servesHttp ? [ScrapeController] : [],
      providers,
    };
  }
}
