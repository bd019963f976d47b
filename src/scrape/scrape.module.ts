import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Inject, Logger, Module, OnApplicationBootstrap, Provider } from '@nestjs/common';
import { ArtifactsModule } from '../artifacts/artifacts.module';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { BullmqScrapeProcessor } from '../queue/bullmq-scrape.processor';
import { BullmqScrapeQueue } from '../queue/bullmq-scrape-queue';
import { InProcessScrapeQueue } from '../queue/in-process-scrape-queue';
import { redisOptionsFromUrl } from '../queue/redis-connection';
import { SCRAPE_JOB_HANDLER, SCRAPE_QUEUE, SCRAPE_QUEUE_NAME } from '../queue/scrape-queue';
import { UnavailableScrapeQueue } from '../queue/unavailable-scrape-queue';
import { ArtifactFetcher } from './fetch';
import { ScrapeController } from './scrape.controller';
import { ScrapeRunner } from './scrape-runner';
import { TaskProgress } from './task-progress.service';
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
 * /scrape, /status, /task and the scrape jobs. Role-aware: the BullMQ processor exists only where
 * jobs run (worker, all), and without REDIS_URL the in-process queue runs them in the `all` process.
 */
@Module({})
export class ScrapeModule {
  static forRoot(config: AppConfig): DynamicModule {
    const runsJobs = config.role === 'all' || config.role === 'worker';
    const imports: DynamicModule['imports'] = [ArtifactsModule];
    const providers: Provider[] = [
      TasksService,
      TaskProgress,
      ScrapeRunner,
      { provide: SCRAPE_JOB_HANDLER, useExisting: ScrapeRunner },
      {
        provide: ArtifactFetcher,
        inject: [APP_CONFIG],
        useFactory: (c: AppConfig) =>
          new ArtifactFetcher({ allowedHosts: c.artifactHosts, timeoutMs: c.fetchTimeoutMs, maxBytes: c.maxArtifactBytes }),
      },
    ];
    if (config.redisUrl) {
      imports.push(
        BullModule.forRoot({ connection: redisOptionsFromUrl(config.redisUrl), prefix: config.queuePrefix }),
        BullModule.registerQueue({ name: SCRAPE_QUEUE_NAME }),
      );
      providers.push({ provide: SCRAPE_QUEUE, useClass: BullmqScrapeQueue });
      if (runsJobs) providers.push(BullmqScrapeProcessor);
    } else {
      providers.push({ provide: SCRAPE_QUEUE, useClass: config.role === 'all' ? InProcessScrapeQueue : UnavailableScrapeQueue });
    }
    if (config.role === 'all' || config.role === 'api') providers.push(OrphanedTaskRecovery);
    return {
      module: ScrapeModule,
      global: true,
      imports,
      controllers: [ScrapeController],
      providers,
      exports: [SCRAPE_QUEUE, TasksService],
    };
  }
}
