import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SCRAPE_QUEUE, ScrapeQueue } from '../queue/scrape-queue';
import { withTimeout } from '../common/with-timeout';
import { HealthDto } from './health.dto';

/**
 * Each check's limit. The checks run side by side, so /health answers within this (plus a few
 * milliseconds) whatever is down: well inside the 1 s probe timeout most orchestrators use.
 */
const CHECK_TIMEOUT_MS = 800;

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SCRAPE_QUEUE) private readonly queue: ScrapeQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Whether the database (and Redis, where configured) answer',
    description: 'Always answers within a second: 200, or 503 naming what is down (each check is given 800 ms).',
  })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ description: 'the database or Redis does not answer within 800 ms; the message names which' })
  async health(): Promise<HealthDto> {
    const checks: [string, () => Promise<unknown>][] = [['database', () => this.dataSource.query('SELECT 1')]];
    if (this.config.redisUrl) checks.push(['redis', () => this.queue.ping()]);
    const results = await Promise.all(
      checks.map(([name, check]) =>
        withTimeout(check(), CHECK_TIMEOUT_MS, name).then(
          () => null,
          (e: Error) => `${name} (${e.message})`,
        ),
      ),
    );
    const down = results.filter((r): r is string => r !== null);
    if (down.length) throw new ServiceUnavailableException(`down: ${down.join(', ')}`);
    return {
      status: 'ok',
      database: this.config.database.type,
      queue: this.config.redisUrl ? 'redis' : 'in-process',
      role: this.config.role,
    };
  }
}
