import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RECENT_DEFAULT_LIMIT, RECENT_MAX_LIMIT, RecentResponse, RecentRun, TASK_STATUSES, TaskStatus } from '../../api-shapes';
import { EXAMPLE_TASK_UUID } from '../../http/openapi-examples';

const LIMIT_MESSAGE = `limit must be a whole number from 1 to ${RECENT_MAX_LIMIT}`;

export class RecentQueryDto {
  @ApiPropertyOptional({ description: `how many runs, newest first (1–${RECENT_MAX_LIMIT})`, default: RECENT_DEFAULT_LIMIT, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(RECENT_MAX_LIMIT, { message: LIMIT_MESSAGE })
  limit?: number;
}

export class RecentRunDto implements RecentRun {
  @ApiProperty({ description: 'the task uuid; its site is /s/<uuid>/', example: EXAMPLE_TASK_UUID }) uuid: string;
  @ApiProperty({ nullable: true, type: String, example: 'tempest-full-py3' }) name: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 123456 }) change_id: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'openstack/nova' }) change_project: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the patch set', example: 3 }) revision: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'check' }) pipeline: string | null;
  @ApiProperty({ enum: TASK_STATUSES, description: "the task's state", example: 'finished' }) status: TaskStatus;
  @ApiProperty({ nullable: true, type: String, description: "the job's CI result", example: 'FAILURE' }) ci_status: string | null;
  @ApiProperty({ description: 'when the scrape was asked for (ISO 8601 UTC)', example: '2024-02-14T03:50:12.345Z' }) created_at: string;
}

export class RecentResponseDto implements RecentResponse {
  @ApiProperty({ type: [RecentRunDto] }) runs: RecentRunDto[];
}
