import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { JobEntry, ListResponse } from '../../api-shapes';

/** Swagger's view of a JobEntry (src/api-shapes/entry.ts). */
export class JobEntryDto implements JobEntry {
  @ApiProperty({ nullable: true, type: Number, example: 271726 }) change_id: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'openstack/stackviz' }) change_project: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Add the timeline view' }) change_subject: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the Gerrit account that reported the result', example: 'zuul' })
  ci_username: string | null;
  @ApiProperty({ example: 'tempest-full-py3' }) name: string;
  @ApiProperty({ nullable: true, type: String, example: 'check' }) pipeline: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the patch set', example: 2 }) revision: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'the CI result', example: 'SUCCESS' }) status: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: "the job's log directory, ending in /; what POST /scrape takes. null when the build left no logs",
    example: 'http://logs.openstack.org/26/271726/2/check/gate-stackviz-pep8/7c374a7/',
  })
  url: string | null;
  @ApiProperty({ nullable: true, type: String, description: "Zuul's build uuid (32 hex)" }) build_uuid: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) voting: boolean | null;
  @ApiProperty({ nullable: true, type: Number, description: 'seconds', example: 3671.0 }) duration: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'ISO 8601 UTC' }) finished_at: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the branch the build ran on', example: 'master' }) branch: string | null;
  @ApiProperty({ description: 'whether POST /scrape would take this entry' }) scrapable: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'why it is not scrapable', example: 'the build left no logs' })
  unscrapable_reason: string | null;
  @ApiProperty({ nullable: true, type: String, description: "Zuul's error_detail, or the text after the result on the CI comment" })
  error_detail: string | null;
  @ApiPropertyOptional({ description: 'with history: false when a newer result of the same job on the same patch set exists' })
  latest?: boolean;
  @ApiPropertyOptional({ description: 'with history: true for an attempt Zuul retried (status RETRY); its retry is another entry' })
  retried?: boolean;
}

export class ListResponseDto implements ListResponse {
  @ApiProperty({ type: [JobEntryDto] }) results: JobEntryDto[];
  @ApiPropertyOptional({
    description:
      'why there are no results (a buildset that ran no builds; a patch set with a merge conflict or no report yet), or why a newer patch set than the one listed has none',
  })
  message?: string;
  @ApiPropertyOptional({ description: 'with no results for a change: the change', example: 271726 }) change_id?: number;
  @ApiPropertyOptional({ example: 'openstack/stackviz' }) change_project?: string;
  @ApiPropertyOptional({ example: 'Add the timeline view' }) change_subject?: string;
  @ApiPropertyOptional({ description: 'the branch the change targets, when Gerrit says', example: 'master' }) change_branch?: string;
}
