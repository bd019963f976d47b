import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, Provider } from '@nestjs/common';
import { oncePerConfig } from '../common/once-per-config';
import { AppConfig } from '../config/app-config';
import { roleRuns } from '../config/role-runs';
import { BullmqScrapeQueue } from './bullmq-scrape-queue';
import { bullmqScrapeProcessor } from './bullmq-scrape-processor';
import { InProcessScrapeQueue } from './in-process-scrape-queue';
import { producerRedisOptions } from '../redis/redis-connection';
import { RedisLink } from '../redis/redis-link';
import { SCRAPE_QUEUE, SCRAPE_QUEUE_NAME, ScrapeJobHandlerRef } from './scrape-queue';
import { UnavailableScrapeQueue } from './unavailable-scrape-queue';

/**
 * The scrape queue (SCRAPE_QUEUE) for this process's role: BullMQ on Redis when REDIS_URL is set
 * (with its consumer only where jobs run: worker, all), else the in-process queue in the `all`
 * process, else none (the cleanup command). The code that runs a job registers itself in the
 * exported ScrapeJobHandlerRef; RedisLink tells when Redis comes back after an outage (never,
 * without Redis). forRoot returns the same module for the same config, so every module that imports
 * it shares one queue.
 */
@Module({})
export class QueueModule {
  static forRoot = oncePerConfig(build);
}

function build(config: AppConfig): DynamicModule {
  const { runsJobs } = roleRuns(config);
  const imports: DynamicModule['imports'] = [];
  const providers: Provider[] = [ScrapeJobHandlerRef, RedisLink];
  if (config.redisUrl) {
    imports.push(
      BullModule.forRoot({
        connection: producerRedisOptions(config.redisUrl),
        prefix: config.queuePrefix,
        // The processor creates its worker at bootstrap (see bullmq-scrape-processor.ts).
        extraOptions: { manualRegistration: true },
      }),
      BullModule.registerQueue({ name: SCRAPE_QUEUE_NAME }),
    );
    providers.push({ provide: SCRAPE_QUEUE, useClass: BullmqScrapeQueue });
    if (runsJobs) providers.push(bullmqScrapeProcessor(config));
  } else {
    // Without Redis only the all process runs jobs: it owns the in-process queue.
    providers.push({ provide: SCRAPE_QUEUE, useClass: runsJobs ? InProcessScrapeQueue : UnavailableScrapeQueue });
  }
  return { module: QueueModule, imports, providers, exports: [SCRAPE_QUEUE, ScrapeJobHandlerRef, RedisLink] };
}
