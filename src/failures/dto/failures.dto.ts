import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  FAILURE_WINDOWS,
  FailureBug,
  FailureCounts,
  FailureCountsRequest,
  FailureCountsResponse,
  FailureDay,
  FailureDetail,
  FailureExample,
  FailureGroup,
  FailureOccurrence,
  FailureRule,
  FailureRuleRequest,
  FailureRulesResponse,
  FailureSearchRequest,
  FailureSearchResponse,
  FailureTopResponse,
  NameCount,
  PurgedRun,
} from '../../api-shapes';
import {
  fieldRule,
  FieldCheck,
  isHttpUrl,
  optionalText,
  optionalWholeNumber,
  optionalWholeNumberText,
  requiredText,
} from '../../http/field-rules';
import { SIGNATURE_ID } from '../../failure-cause/failure-cause';
import { EXAMPLE_TASK_UUID } from '../../http/openapi-examples';
import { MAX_RULE_PATTERN_CHARS } from '../rule-pattern';

/** The widest window any request may name; FAILURE_HISTORY_DAYS narrows it (checked where the config is known). */
export const MAX_DAYS = 3650;
export const MAX_SEARCH_LIMIT = 200;
export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_TOP_LIMIT = 200;
export const DEFAULT_TOP_LIMIT = 20;
export const MAX_COUNT_IDS = 500;

const EXAMPLE_SIGNATURE_ID = '3f1c9a2e7b0d4c58';
const EXAMPLE_SIGNATURE = 'nova.exception.ClientException: Unexpected API Error. (HTTP 500) (Request-ID: <request-id>)';

const signatureIds: FieldCheck = (value) => {
  if (!Array.isArray(value) || value.length === 0)
    return `must be a list of 1 to ${MAX_COUNT_IDS} signature ids such as ${EXAMPLE_SIGNATURE_ID}`;
  if (value.length > MAX_COUNT_IDS) return `must list at most ${MAX_COUNT_IDS} signature ids`;
  const bad = value.find((v) => typeof v !== 'string' || !SIGNATURE_ID.test(v));
  return bad === undefined
    ? null
    : `must hold only signature ids (16 hex characters such as ${EXAMPLE_SIGNATURE_ID}); ${JSON.stringify(bad)} is not one`;
};

/** A request body's `days`: the window, 7 days unless given. */
function windowDays(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      minimum: 1,
      description: 'the window, in days back from now (at most FAILURE_HISTORY_DAYS)',
      default: 7,
      example: 7,
    }),
    fieldRule(optionalWholeNumber(1, MAX_DAYS)),
  );
}

export class FailureSearchRequestDto implements FailureSearchRequest {
  @ApiProperty({
    description: 'a signature id, a pasted traceback line (masked, then matched exactly), or any text found in signatures and test names',
    example: 'tempest.lib.exceptions.ServerFault: Got server fault\nDetails: Unexpected API Error. (HTTP 500) (Request-ID: req-9b2c…)',
    maxLength: 20000,
  })
  @fieldRule(requiredText({ what: 'a signature id, a pasted traceback line or text to find', maxLength: 20000 }))
  q: string;

  @windowDays()
  days?: number;

  @ApiPropertyOptional({ description: 'only occurrences of this job', example: 'tempest-full-py3', maxLength: 255 })
  @fieldRule(optionalText(255))
  job?: string;

  @ApiPropertyOptional({ description: 'only occurrences in this project', example: 'openstack/nova', maxLength: 255 })
  @fieldRule(optionalText(255))
  project?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SEARCH_LIMIT, default: DEFAULT_SEARCH_LIMIT, example: 50 })
  @fieldRule(optionalWholeNumber(1, MAX_SEARCH_LIMIT))
  limit?: number;
}

export class FailureTopQueryDto {
  @ApiPropertyOptional({ description: 'the window, in days back from now (at most FAILURE_HISTORY_DAYS)', default: 7, example: '7' })
  @fieldRule(optionalWholeNumberText(1, MAX_DAYS))
  days?: string;

  @ApiPropertyOptional({ description: 'only occurrences in this pipeline', example: 'gate' })
  @fieldRule(optionalText(255))
  pipeline?: string;

  @ApiPropertyOptional({ description: 'only occurrences in this project', example: 'openstack/nova' })
  @fieldRule(optionalText(255))
  project?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TOP_LIMIT, default: DEFAULT_TOP_LIMIT, example: '20' })
  @fieldRule(optionalWholeNumberText(1, MAX_TOP_LIMIT))
  limit?: string;
}

export class FailureDetailQueryDto {
  @ApiPropertyOptional({
    description: 'the window of by_day, tests, jobs, projects and latest (at most FAILURE_HISTORY_DAYS)',
    default: 30,
    example: '30',
  })
  @fieldRule(optionalWholeNumberText(1, MAX_DAYS))
  days?: string;
}

export class FailureCountsRequestDto implements FailureCountsRequest {
  @ApiProperty({
    type: [String],
    description: `signature ids (1 to ${MAX_COUNT_IDS})`,
    example: [EXAMPLE_SIGNATURE_ID, 'a04be3d1c2f56789'],
  })
  @fieldRule(signatureIds)
  ids: string[];

  @windowDays()
  days?: number;
}

export class NameCountDto implements NameCount {
  @ApiProperty({ example: 'tempest.api.compute.servers.test_servers.ServersTestJSON.test_reboot' }) name: string;
  @ApiProperty({ description: 'occurrences with this name', example: 12 }) n: number;
}

export class FailureBugDto implements FailureBug {
  @ApiProperty({ example: 'https://bugs.launchpad.net/nova/+bug/2012345' }) url: string;
  @ApiProperty({ example: 'ServerFault on volume attach under load' }) title: string;
}

export class FailureGroupDto implements FailureGroup {
  @ApiProperty({ description: 'the first 16 hex characters of the SHA-256 of signature', example: EXAMPLE_SIGNATURE_ID })
  signature_id: string;
  @ApiProperty({ description: 'the masked cause (docs/formats.md, "Failure signatures")', example: EXAMPLE_SIGNATURE }) signature: string;
  @ApiProperty({ description: 'occurrences in the window', example: 41 }) occurrences: number;
  @ApiProperty({ description: 'distinct changes hit in the window; a build without a change counts as its own', example: 17 })
  changes: number;
  @ApiProperty({ description: 'the oldest occurrence kept, ISO 8601 UTC', example: '2026-11-02T08:14:00.000Z' }) first_seen: string;
  @ApiProperty({ description: 'the newest occurrence, ISO 8601 UTC', example: '2026-12-07T05:40:12.000Z' }) last_seen: string;
  @ApiProperty({ type: [NameCountDto], description: 'the tests it failed, most often first (at most 10)' }) tests: NameCountDto[];
  @ApiProperty({
    type: [NameCountDto],
    description: 'the jobs it failed in, most often first (at most 10)',
    example: [{ name: 'tempest-full-py3', n: 30 }],
  })
  jobs: NameCountDto[];
  @ApiProperty({ type: FailureBugDto, nullable: true, description: 'the bug of the newest rule matching the signature' })
  bug: FailureBugDto | null;
}

export class FailureSearchResponseDto implements FailureSearchResponse {
  @ApiProperty({ example: 'ServerFault' }) q: string;
  @ApiProperty({ example: 7 }) days: number;
  @ApiProperty({ description: 'signatures found, before limit', example: 3 }) total: number;
  @ApiProperty({ type: [FailureGroupDto], description: 'by distinct changes, then occurrences' }) results: FailureGroupDto[];
}

export class FailureTopResponseDto implements FailureTopResponse {
  @ApiProperty({ example: 7 }) days: number;
  @ApiProperty({ nullable: true, type: String, example: 'gate' }) pipeline: string | null;
  @ApiProperty({ type: [FailureGroupDto], description: 'the most widespread first: by distinct changes, then occurrences' })
  results: FailureGroupDto[];
}

export class FailureCountsDto implements FailureCounts {
  @ApiProperty({ example: 41 }) occurrences: number;
  @ApiProperty({ example: 17 }) changes: number;
}

export class FailureDayDto extends FailureCountsDto implements FailureDay {
  @ApiProperty({ example: '2026-12-06' }) date: string;
}

export class FailureExampleDto implements FailureExample {
  @ApiProperty({ nullable: true, type: String, example: EXAMPLE_TASK_UUID, description: 'null once the task was purged' }) task:
    string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'tempest.api.compute.servers.test_servers.ServersTestJSON.test_reboot',
    description: 'null for a job-level failure',
  })
  test: string | null;
  @ApiProperty({
    description: 'the full traceback (a job-level failure: its console step and error lines)',
    example: 'Traceback (most recent call last):\n  …',
  })
  traceback: string;
}

export class FailureOccurrenceDto implements FailureOccurrence {
  @ApiProperty({ nullable: true, type: String, example: EXAMPLE_TASK_UUID, description: 'null once the task was purged' }) task:
    string | null;
  @ApiProperty({ nullable: true, type: String, example: 'tempest.api.compute.servers.test_servers.ServersTestJSON.test_reboot' }) test:
    string | null;
  @ApiProperty({ example: 'tempest-full-py3' }) job: string;
  @ApiProperty({ nullable: true, type: String, example: 'openstack/nova' }) project: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 123456 }) change: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 3 }) patchset: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'check' }) pipeline: string | null;
  @ApiProperty({ nullable: true, type: String, example: '5f0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b', description: "Zuul's build uuid" }) build:
    string | null;
  @ApiProperty({ example: 'https://logs.example/95/123456/3/check/tempest-full-py3/5f0c1a2/' }) log_url: string;
  @ApiProperty({ example: '2026-12-07T05:40:12.000Z', description: "the build's end time, else the task's" }) finished_at: string;
  @ApiProperty({ nullable: true, type: String, example: 'master', description: 'the branch the build ran on, null when unknown' }) branch:
    string | null;
}

export class PurgedRunDto extends OmitType(FailureOccurrenceDto, ['task', 'test'] as const) implements PurgedRun {
  @ApiProperty({ example: EXAMPLE_TASK_UUID, description: 'the purged task' }) task: string;
  @ApiProperty({
    example: 'https://logs.example/95/123456/3/check/tempest-full-py3/5f0c1a2/',
    description: 'generate it again: /go/<log_url>',
  })
  log_url: string;
}

export class FailureDetailDto implements FailureDetail {
  @ApiProperty({ example: EXAMPLE_SIGNATURE_ID }) signature_id: string;
  @ApiProperty({ example: EXAMPLE_SIGNATURE }) signature: string;
  @ApiProperty({ type: FailureBugDto, nullable: true }) bug: FailureBugDto | null;
  @ApiProperty({
    description: `occurrences and distinct changes over each of the last ${FAILURE_WINDOWS.join(', ')} days within FAILURE_HISTORY_DAYS`,
    example: {
      '1': { occurrences: 3, changes: 2 },
      '3': { occurrences: 9, changes: 5 },
      '7': { occurrences: 20, changes: 11 },
      '30': { occurrences: 41, changes: 17 },
    },
  })
  counts: FailureDetail['counts'];
  @ApiProperty({ type: [FailureDayDto], description: 'one row per day of the window, oldest first' }) by_day: FailureDayDto[];
  @ApiProperty({ type: [NameCountDto] }) tests: NameCountDto[];
  @ApiProperty({ type: [NameCountDto], example: [{ name: 'tempest-full-py3', n: 30 }] }) jobs: NameCountDto[];
  @ApiProperty({ type: [NameCountDto], example: [{ name: 'openstack/nova', n: 25 }] }) projects: NameCountDto[];
  @ApiProperty({ type: FailureExampleDto, nullable: true }) example: FailureExampleDto | null;
  @ApiProperty({ type: [FailureOccurrenceDto], description: 'newest first, at most 100' }) latest: FailureOccurrenceDto[];
}

export class FailureCountsResponseDto implements FailureCountsResponse {
  @ApiProperty({ example: 7 }) days: number;
  @ApiProperty({
    description: 'by signature id: the ids asked for that occurred in the window',
    example: { [EXAMPLE_SIGNATURE_ID]: { occurrences: 20, changes: 11 } },
  })
  counts: Record<string, FailureCountsDto>;
}

export class FailureRuleRequestDto implements FailureRuleRequest {
  @ApiProperty({
    description: `text found case-insensitively in signatures, or /regex/ (RE2 syntax); at most ${MAX_RULE_PATTERN_CHARS} characters`,
    example: '/ClientException: .*\\(HTTP 500\\)/',
    maxLength: MAX_RULE_PATTERN_CHARS,
  })
  @fieldRule(requiredText({ what: 'text to find in signatures, or /regex/', maxLength: MAX_RULE_PATTERN_CHARS }))
  pattern: string;

  @ApiProperty({ example: 'https://bugs.launchpad.net/nova/+bug/2012345', maxLength: 2048 })
  @fieldRule(
    requiredText({
      what: 'the bug as an http(s) URL, such as https://bugs.launchpad.net/nova/+bug/2012345',
      maxLength: 2048,
      form: isHttpUrl,
    }),
  )
  bug_url: string;

  @ApiProperty({ example: 'ServerFault on volume attach under load', maxLength: 500 })
  @fieldRule(requiredText({ what: "the bug's title", maxLength: 500 }))
  title: string;
}

export class FailureRuleDto implements FailureRule {
  @ApiProperty({ example: 3 }) id: number;
  @ApiProperty({ example: '/ClientException: .*\\(HTTP 500\\)/' }) pattern: string;
  @ApiProperty({ type: FailureBugDto }) bug: FailureBugDto;
  @ApiProperty({ example: '2026-12-07T05:40:12.000Z' }) created_at: string;
}

export class FailureRulesResponseDto implements FailureRulesResponse {
  @ApiProperty({ type: [FailureRuleDto], description: 'newest first' }) rules: FailureRuleDto[];
}
