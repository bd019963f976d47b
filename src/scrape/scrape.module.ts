import { DynamicModule, Inject, Logger, Module, OnApplicationBootstrap, Provider } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ArtifactFetcher } from './fetch';
import { ScrapeController } from './scrape.controller';
import { ScrapeRunner } from './scrape-runner';
import { TasksModule } from './tasks.module';
import { TasksService } from './tasks.service';

/** Re-enqueues queued tasks whose job was lost while no producer was running. */
class OrphanedTaskRecovery implements OnApplicationBootstrap {
  private readonly logger = new Logger('OrphanedTaskRecovery');

  constructor(
    @Inject(TasksService) private readonly tasks: TasksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Without Redis there is one process: whatever it was running when it died is orphaned too.
    // In the background, so a Redis outage at start-up delays recovery, not the API.
    this.tasks
      .requeueOrphans({ includeRunning: !this.config.redisUrl })
      .then((n) => n && this.logger.log(`re-enqueued ${n} tasks that had lost their job`))
      .catch((err: Error) => this.logger.warn(`could not re-enqueue orphaned tasks yet: ${err.message}`));
  }
}

/**
 * /scrape, /status, /task, and the scrape job itself where jobs run (worker and all roles): the
 * runner registers itself with the queue there.
 */
@Module({})
export class ScrapeModule {
  static forRoot(config: AppConfig): DynamicModule {
    const runsJobs = config.role === 'all' || config.role === 'worker';
    const servesHttp = config.role === 'all' || config.role === 'api';
    const providers: Provider[] = [];
    if (runsJobs) {
      providers.push(ScrapeRunner, {
        provide: ArtifactFetcher,
        inject: [APP_CONFIG],
        useFactory: (c: AppConfig) =>
          new ArtifactFetcher({ allowedHosts: c.artifactHosts, timeoutMs: c.fetchTimeoutMs, maxBytes: c.maxArtifactBytes }),
      });
    }
    if (servesHttp) providers.push(OrphanedTaskRecovery);
    return {
      module: ScrapeModule,
      imports: [ArtifactsModule, TasksModule.forRoot(config)],
      controllers: servesHttp ? [ScrapeController] : [],
      providers,
    };
  }
}
