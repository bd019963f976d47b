import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

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

export class TaskDto {
  @ApiProperty({ nullable: true, type: Number }) change_id: number | null;
  @ApiProperty({ nullable: true, type: String }) change_project: string | null;
  @ApiProperty({ nullable: true, type: String }) change_subject: string | null;
  @ApiProperty({ nullable: true, type: String }) ci_username: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) pipeline: string | null;
  @ApiProperty({ nullable: true, type: Number }) revision: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'the CI result of the job' }) status: string | null;
  @ApiProperty() url: string;
  @ApiProperty({ nullable: true, type: String }) build_uuid: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) voting: boolean | null;
  @ApiProperty({ nullable: true, type: Number }) duration: number | null;
  @ApiProperty({ nullable: true, type: String }) finished_at: string | null;
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
