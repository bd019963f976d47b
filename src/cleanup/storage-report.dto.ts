import { ApiProperty } from '@nestjs/swagger';

export class TaskCountsByStatusDto {
  @ApiProperty({ example: 0 })
  queued: number;
  @ApiProperty({ example: 1 })
  running: number;
  @ApiProperty({ example: 120 })
  finished: number;
  @ApiProperty({ example: 3 })
  error: number;
}

export class StorageReportDto {
  @ApiProperty({ description: 'tasks stored, any status', example: 124 })
  tasks: number;
  @ApiProperty({ description: 'artifacts (blobs) stored', example: 480 })
  artifacts: number;
  @ApiProperty({ description: 'sum of the stored (gzip) sizes of all artifacts, in bytes', example: 31457280 })
  blob_bytes: number;
  @ApiProperty({
    description: 'created_at of the oldest task (ISO 8601 UTC); the purge removes tasks older than RETENTION_DAYS',
    nullable: true,
    type: String,
    example: '2026-11-18T09:00:00.000Z',
  })
  oldest_task_at: string | null;
  @ApiProperty({ type: TaskCountsByStatusDto })
  by_status: TaskCountsByStatusDto;
}
