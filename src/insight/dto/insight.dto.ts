import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  InsightAccepted,
  InsightProgress,
  InsightRequest,
  InsightResult,
  InsightRun,
  InsightTest,
  OtherChangeCounts,
  RunCounts,
  TASK_STATUSES,
  TaskStatus,
  VERDICTS,
  Verdict,
} from '../../api-shapes';
import { UUID_ALIASES, UuidField } from '../../common/uuid-field';
import { fieldRule, optionalWholeNumber } from '../../http/field-rules';
import { DEFAULT_INSIGHT_BUILDS, MAX_INSIGHT_BUILDS } from '../insights.service';
import { EXAMPLE_TASK_UUID } from '../../http/openapi-examples';

export class InsightRequestDto implements InsightRequest {
  @UuidField('a task uuid', 'the task whose failures to explain: a finished Zuul run with test results', UUID_ALIASES)
  q: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_INSIGHT_BUILDS,
    default: DEFAULT_INSIGHT_BUILDS,
    description: 'how many other runs to look at',
  })
  @fieldRule(optionalWholeNumber(1, MAX_INSIGHT_BUILDS))
  builds?: number;
}

export class InsightResultRequestDto {
  @UuidField('an insight uuid', 'an insight uuid from POST /insight', UUID_ALIASES)
  q: string;
}

export class InsightAcceptedDto implements InsightAccepted {
  @ApiProperty({ example: EXAMPLE_TASK_UUID, description: 'the insight uuid' }) uuid: string;
  @ApiProperty({ enum: ['queued', 'running', 'finished'], example: 'queued' }) status: TaskStatus;
}

export class InsightProgressDto implements InsightProgress {
  @ApiProperty({ example: EXAMPLE_TASK_UUID }) uuid: string;
  @ApiProperty({ enum: ['queued', 'running'] }) status: 'queued' | 'running';
  @ApiProperty({ description: 'runs whose scrape has ended', example: 7 }) done: number;
  @ApiProperty({ description: 'runs looked at', example: 20 }) total: number;
}

export class InsightRunDto implements InsightRun {
  @ApiProperty({ description: "the run's task uuid" }) task: string;
  @ApiProperty({ description: "the run's log directory" }) url: string;
  @ApiProperty({ nullable: true, type: Number }) change_id: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the patch set' }) revision: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'check' }) pipeline: string | null;
  @ApiProperty({ enum: TASK_STATUSES, description: "the task's state; a run that ended in error is listed but not counted" })
  status: TaskStatus;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'why its scrape failed (status error); null otherwise',
    example:
      'the logs at https://logs.example/… are gone (404): OpenDev expires build logs after some weeks, so this build can no longer be scraped',
  })
  error: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'when the build finished, ISO 8601 UTC' }) finished_at: string | null;
  @ApiProperty({ description: "a run of the task's own change (another patch set or a recheck)" }) same_change: boolean;
}

export class RunCountsDto implements RunCounts {
  @ApiProperty({ description: 'runs whose results list the test as failed, passed or skipped' }) runs: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'success or xfail' }) passed: number;
  @ApiProperty() skipped: number;
}

export class OtherChangeCountsDto extends RunCountsDto implements OtherChangeCounts {
  @ApiProperty({
    description: 'distinct changes among the runs that ran it (failed or passed); a run without a change counts as its own',
    example: 5,
  })
  changes: number;
  @ApiProperty({ description: 'of the runs where it failed, those that failed with the same signature_id', example: 8 })
  same_cause: number;
}

export class LastFailedDto {
  @ApiProperty() task: string;
  @ApiProperty({ nullable: true, type: Number }) change_id: number | null;
  @ApiProperty({ nullable: true, type: String }) finished_at: string | null;
}

export class InsightTestDto implements InsightTest {
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['fail'] }) status_here: 'fail';
  @ApiProperty({
    description: 'its failure\'s signature here: the masked cause (docs/formats.md, "Failure signatures")',
    example: 'tempest.lib.exceptions.TimeoutException: Request timed out\nDetails: (<test>) Server <uuid> failed to reach ACTIVE status',
  })
  cause: string;
  @ApiProperty({ description: 'the first 16 hex characters of the SHA-256 of cause', example: '3f1c9a2e7b0d4c58' })
  signature_id: string;
  @ApiProperty({ type: OtherChangeCountsDto, description: 'over the runs on other changes' }) other_changes: OtherChangeCountsDto;
  @ApiProperty({ type: RunCountsDto, description: "over the task's change's other runs" }) same_change: RunCountsDto;
  @ApiProperty({
    enum: VERDICTS,
    description:
      'flaky: passed in a recheck of the same patch set, or failed in some other-change runs and passed in others; ' +
      'broken: failed in every other-change run that ran it, at least 3 runs on at least 2 changes; ' +
      'new: at least 3 other-change runs ran it and it failed in none; unknown: no other run tells, or too few do',
  })
  verdict: Verdict;
  @ApiProperty({ type: LastFailedDto, nullable: true, description: 'the newest other run where it failed' })
  last_failed: LastFailedDto | null;
}

export class InsightResultDto implements InsightResult {
  @ApiProperty({ example: EXAMPLE_TASK_UUID }) uuid: string;
  @ApiProperty({ enum: ['finished'] }) status: 'finished';
  @ApiProperty({ description: 'the task uuid' }) task: string;
  @ApiProperty({ example: 'tempest-full-py3' }) job: string;
  @ApiProperty({ description: 'how many other runs were asked for; runs holds fewer when the job has no more', example: 20 })
  builds: number;
  @ApiProperty({ type: [InsightRunDto] }) runs: InsightRunDto[];
  @ApiProperty({ type: [InsightTestDto], description: 'one row per test that failed in the task' }) tests: InsightTestDto[];
}
