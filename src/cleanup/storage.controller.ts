import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { StorageReportDto } from './storage-report.dto';
import { StorageReportService } from './storage-report.service';

@ApiTags('health')
@Controller('health')
export class StorageController {
  constructor(private readonly storage: StorageReportService) {}

  @Get('storage')
  @ApiOperation({
    summary: 'Task and blob counts and total stored bytes, to watch the database grow',
    description:
      'Tasks by status, artifacts, the sum of their stored (gzip) sizes and the oldest task; tasks older than RETENTION_DAYS are purged on CLEANUP_CRON.',
  })
  @ApiOkResponse({ type: StorageReportDto })
  report(): Promise<StorageReportDto> {
    return this.storage.report();
  }
}
