import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions, OmitType } from '@nestjs/swagger';
import {
  ARTIFACT_TYPES,
  ArtifactRef,
  ArtifactType,
  ScrapeAccepted,
  TASK_SCOPES,
  TASK_STATUSES,
  TaskBody,
  TaskNotReady,
  TaskScope,
  TaskStatus,
  TaskStatusBody,
} from '../../api-shapes';
import { JobEntryDto } from '../../jobs/dto/list-response.dto';
import { EXAMPLE_TASK_UUID } from '../../http/openapi-examples';

const WARNINGS: ApiPropertyOptions = {
  type: [String],
  description:
    'everything a finished task did not read cleanly: skipped artifacts, damaged subunit regions, unfinished tests, non-subunit bytes',
  example: ['dstat-csv_log.txt skipped: the dstat file is empty'],
};

export class ScrapeAcceptedDto implements ScrapeAccepted {
  @ApiProperty({ enum: TASK_STATUSES, example: 'queued' }) status: TaskStatus;
  @ApiProperty({ example: EXAMPLE_TASK_UUID }) uuid: string;
}

export class TaskStatusDto implements TaskStatusBody {
  @ApiProperty({ example: EXAMPLE_TASK_UUID }) uuid: string;
  @ApiProperty({ enum: TASK_STATUSES }) status: TaskStatus;
  @ApiProperty({ nullable: true, type: String, description: 'why, for an error; what was skipped, for a finished task' })
  message: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'what the worker is doing now', example: 'fetching testrepository.subunit' })
  stage: string | null;
  @ApiProperty({ type: [String], description: 'artifacts found so far', example: ['testrepository.subunit', 'job-output.txt'] })
  artifacts_found: string[];
  @ApiProperty(WARNINGS) warnings: string[];
}

export class ArtifactRefDto implements ArtifactRef {
  @ApiProperty({ example: '09890181-4149-4cb2-82e3-c27f8301db03' }) id: string;
  @ApiProperty({ example: 'testrepository.subunit' }) artifact_name: string;
  @ApiProperty({ enum: ARTIFACT_TYPES }) artifact_type: ArtifactType;
  @ApiProperty({ example: 'application/json' }) content_type: string;
  @ApiProperty({ example: 'gzip' }) content_encoding: string;
  @ApiProperty() primary: boolean;
}

/** The task's run fields plus its id and artifacts; a task scraped from a bare url may lack a name. */
export class TaskDto
  extends OmitType(JobEntryDto, ['name', 'url', 'scrapable', 'unscrapable_reason', 'error_detail', 'latest', 'retried'] as const)
  implements TaskBody
{
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ description: "the job's log directory" }) url: string;
  @ApiProperty({ description: 'the task uuid' }) id: string;
  @ApiProperty({ type: [ArtifactRefDto] }) artifacts: ArtifactRefDto[];
  @ApiProperty({ nullable: true, type: String }) message: string | null;
  @ApiProperty(WARNINGS) warnings: string[];
  @ApiProperty({ enum: TASK_SCOPES, description: 'full, or tests: only the test results were fetched (for flake insight)' })
  scope: TaskScope;
  @ApiPropertyOptional({ enum: ['error'], description: 'present when the scrape failed' }) scrape_status?: 'error';
  @ApiPropertyOptional({
    description:
      'present when the scrape failed: whether scraping the build again may succeed (the log server did not answer, the logs were not uploaded yet)',
  })
  retryable?: boolean;
}

export class TaskNotReadyDto implements TaskNotReady {
  @ApiProperty() uuid: string;
  @ApiProperty({ enum: ['queued', 'running'] }) status: 'queued' | 'running';
  @ApiProperty({ example: 'not ready yet' }) message: string;
}
