import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { WatchStatusDto } from './watch-status.dto';
import { WatchStore } from './watch-store';

@ApiTags('watch')
@Controller('watch')
export class WatchController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: WatchStore,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The watcher's state",
    description: "Where the watcher is in Zuul's builds, its last poll, and what it queued, skipped and reported in the last hour.",
  })
  @ApiOkResponse({ type: WatchStatusDto })
  async status(): Promise<WatchStatusDto> {
    const pipelines = this.config.watch.pipelines;
    return { enabled: pipelines !== null, pipelines: pipelines ?? [], ...(await this.store.status()) };
  }
}
