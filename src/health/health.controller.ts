import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SCRAPE_QUEUE, ScrapeQueue } from '../queue/scrape-queue';
import { withTimeout } from '../common/with-timeout';
import { HealthDto } from './health.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SCRAPE_QUEUE) private readonly queue: ScrapeQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ description: 'the database or Redis does not answer; the message names which' })
  async health(): Promise<HealthDto> {
    const down: string[] = [];
    await this.dataSource.query('SELECT 1').catch((e: Error) => down.push(`database (${e.message})`));
    if (this.config.redisUrl) await withTimeout(this.queue.ping(), 2000, 'redis').catch((e: Error) => down.push(`redis (${e.message})`));
    if (down.length) throw new ServiceUnavailableException(`down: ${down.join(', ')}`);
    return {
      status: 'ok',
      database: this.config.database.type,
      queue: this.config.redisUrl ? 'redis' : 'in-process',
      role: this.config.role,
    };
  }
}
