import { ApiProperty } from '@nestjs/swagger';
import { JobEntry } from '../job-entry';

/** Swagger's view of a JobEntry. */
export class JobEntryDto implements JobEntry {
  @ApiProperty({ nullable: true, type: Number, example: 271726 }) change_id: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'openstack/stackviz' }) change_project: string | null;
  @ApiProperty({ nullable: true, type: String }) change_subject: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the Gerrit account that reported the result', example: 'zuul' })
  ci_username: string | null;
  @ApiProperty({ example: 'tempest-full-py3' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'check' }) pipeline: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the patch set', example: 2 }) revision: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'the CI result', example: 'SUCCESS' }) status: string | null;
  @ApiProperty({ description: "the job's log directory, ending in /; what POST /scrape takes" }) url: string;
  @ApiProperty({ nullable: true, type: String, description: "Zuul's build uuid (32 hex)" }) build_uuid: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) voting: boolean | null;
  @ApiProperty({ nullable: true, type: Number, description: 'seconds', example: 3671.0 }) duration: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'ISO 8601 UTC' }) finished_at: string | null;
}

export class ListResponseDto {
  @ApiProperty({ type: [JobEntryDto] }) results: JobEntryDto[];
}
