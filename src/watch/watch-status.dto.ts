import { ApiProperty } from '@nestjs/swagger';
import type { WatchStatus } from '../api-shapes';

export class WatchStatusDto implements WatchStatus {
  @ApiProperty({ description: 'whether WATCH_PIPELINES is set for this process' })
  enabled: boolean;
  @ApiProperty({ type: [String], example: ['gate', 'check'] })
  pipelines: string[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the low-water mark: the lowest Zuul build _id the next poll reads from',
    example: 4000012,
  })
  cursor: number | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-12-07T06:00:00.000Z' })
  last_poll_at: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'why the last poll failed; null when it succeeded' })
  last_error: string | null;
  @ApiProperty()
  queued_last_hour: number;
  @ApiProperty({ description: 'over WATCH_MAX_PER_HOUR or without logs: never queued' })
  skipped_last_hour: number;
  @ApiProperty({ description: 'reviews posted (in dry-run: logged)' })
  reported_last_hour: number;
  @ApiProperty({ description: 'reviews Gerrit refused for good (409, 404) or given up on after an hour' })
  report_skipped_last_hour: number;
}
