import { ApiProperty } from '@nestjs/swagger';
import {
  CompareCounts,
  CompareRequest,
  CompareResponse,
  ComparedRun,
  ComparedTest,
  TASK_STATUSES,
  TEST_CHANGES,
  TaskStatus,
  TestChange,
  TestOnOneSide,
} from '../../api-shapes';
import { UuidField } from '../../common/uuid-field';
import { EXAMPLE_TASK_UUID } from '../../http/openapi-examples';

export class CompareRequestDto implements CompareRequest {
  @UuidField('a task uuid', 'the task to compare against (the older or known-good run)')
  base: string;

  @UuidField('a task uuid', 'the task being judged (the newer run)')
  head: string;
}

export class ComparedRunDto implements ComparedRun {
  @ApiProperty({ example: EXAMPLE_TASK_UUID }) uuid: string;
  @ApiProperty({ nullable: true, type: String, example: 'tempest-full-py3' }) name: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 123456 }) change_id: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'the patch set', example: 3 }) revision: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'check' }) pipeline: string | null;
  @ApiProperty({ enum: TASK_STATUSES, description: "the task's state" }) status: TaskStatus;
  @ApiProperty({ nullable: true, type: String, description: 'when the build finished, ISO 8601 UTC' }) finished_at: string | null;
}

export class TestOnOneSideDto implements TestOnOneSide {
  @ApiProperty({ description: 'the subunit status', example: 'fail' }) status: string;
  @ApiProperty({ nullable: true, type: Number, description: 'seconds', example: 12.5 }) duration: number | null;
}

export class ComparedTestDto implements ComparedTest {
  @ApiProperty({ example: 'tempest.api.compute.servers.test_create_server.ServersTestJSON.test_list_servers' }) name: string;
  @ApiProperty({ enum: TEST_CHANGES }) change: TestChange;
  @ApiProperty({ type: TestOnOneSideDto, nullable: true, description: 'null when only head ran it (added)' }) base: TestOnOneSideDto | null;
  @ApiProperty({ type: TestOnOneSideDto, nullable: true, description: 'null when only base ran it (removed)' })
  head: TestOnOneSideDto | null;
}

export class CompareCountsDto implements CompareCounts {
  @ApiProperty({ description: 'failing in head, not in base' }) new_failures: number;
  @ApiProperty({ description: 'failing in base, not in head' }) fixed: number;
  @ApiProperty() still_failing: number;
  @ApiProperty({ description: 'only in head' }) added: number;
  @ApiProperty({ description: 'only in base' }) removed: number;
  @ApiProperty({ description: 'at least 2× and 1 s longer in head' }) slower: number;
  @ApiProperty({ description: 'at least 2× and 1 s shorter in head' }) faster: number;
  @ApiProperty({ description: 'in both, none of the above; not listed' }) unchanged: number;
}

export class CompareResponseDto implements CompareResponse {
  @ApiProperty({ type: ComparedRunDto }) base: ComparedRunDto;
  @ApiProperty({ type: ComparedRunDto }) head: ComparedRunDto;
  @ApiProperty({ type: CompareCountsDto }) counts: CompareCountsDto;
  @ApiProperty({
    type: [ComparedTestDto],
    description: 'every test that is not unchanged: new failures, fixed, still failing, slower, faster, added, removed',
  })
  tests: ComparedTestDto[];
}
