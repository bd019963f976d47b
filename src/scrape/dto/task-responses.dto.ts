import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { JobEntryDto } from '../../jobs/dto/list-response.dto';

export class ScrapeAcceptedDto {
  @ApiProperty({ enum: ['queued', 'running', 'finished', 'error'] }) status: string;
  @ApiProperty() uuid: string;
}

export class TaskStatusDto {
  @ApiProperty() uuid: string;
  @ApiProperty({ enum: ['queued', 'running', 'finished', 'error'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) message: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'what the worker is doing now' }) stage: string | null;
  @ApiPropertyOptional({ type: [String], description: 'artifacts found so far' }) artifacts_found: string[];
}

export class ArtifactRefDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'testrepository.subunit' }) artifact_name: string;
  @ApiProperty({ enum: ['subunit', 'subunit-stats', 'subunit-details', 'dstat', 'console'] }) artifact_type: string;
  @ApiProperty({ example: 'application/json' }) content_type: string;
  @ApiProperty({ example: 'gzip' }) content_encoding: string;
  @ApiProperty() primary: boolean;
}

/** The task's /list Entry plus its id and artifacts; a task scraped from a bare url may lack a name. */
export class TaskDto extends OmitType(JobEntryDto, ['name'] as const) {
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ description: 'the task uuid' }) id: string;
  @ApiProperty({ type: [ArtifactRefDto] }) artifacts: ArtifactRefDto[];
  @ApiPropertyOptional({ enum: ['finished', 'error'] }) scrape_status?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) message?: string | null;
}

export class TaskNotReadyDto {
  @ApiProperty() uuid: string;
  @ApiProperty({ enum: ['queued', 'running'] }) status: string;
  @ApiProperty({ example: 'not ready yet' }) message: string;
}
