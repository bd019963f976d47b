import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import type { RequestBodyObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type {
  ArtifactRef,
  CompareRequest,
  CompareResponse,
  ComparedTest,
  InsightAccepted,
  InsightProgress,
  InsightRequest,
  InsightResult,
  InsightRun,
  InsightTest,
  JobEntry,
  ListRequest,
  ListResponse,
  RecentResponse,
  RecentRun,
  ScrapeAccepted,
  TaskBody,
  TaskNotReady,
  TaskStatusBody,
  WatchStatus,
} from '../../../src/api-shapes';
import { JOB_ENTRY_FIELDS, RUN_FIELDS } from '../../../src/api-shapes';
import { JobsController } from '../../../src/jobs/jobs.controller';
import { JobsService } from '../../../src/jobs/jobs.service';
import { ScrapeController } from '../../../src/scrape/scrape.controller';
import { TaskAnswers } from '../../../src/scrape/task-answers';
import { TaskReader } from '../../../src/tasks/task-reader';
import { TasksService } from '../../../src/tasks/tasks.service';
import { APP_CONFIG } from '../../../src/config/app-config';
import { CompareController } from '../../../src/compare/compare.controller';
import { CompareService } from '../../../src/compare/compare.service';
import { InsightController } from '../../../src/insight/insight.controller';
import { InsightsService } from '../../../src/insight/insights.service';
import { HealthController } from '../../../src/health/health.controller';
import { WatchController } from '../../../src/watch/watch.controller';
import { WatchStore } from '../../../src/watch/watch-store';
import { StorageController } from '../../../src/cleanup/storage.controller';
import { StorageReportService } from '../../../src/cleanup/storage-report.service';
import { BlobController } from '../../../src/artifacts/blob.controller';
import { BlobReader } from '../../../src/artifacts/blob-reader';
import { SCRAPE_QUEUE } from '../../../src/queue/scrape-queue';
import { getDataSourceToken } from '@nestjs/typeorm';

/**
 * One complete value of every response shape. `Required<…>` makes the compiler list every key of
 * the shape, so a field added to src/api-shapes without its DTO (or the other way round) fails here.
 */
const entry: Required<JobEntry> = {
  change_id: 271726,
  change_project: 'openstack/stackviz',
  change_subject: 'Add the timeline',
  ci_username: 'zuul',
  name: 'tempest-full-py3',
  pipeline: 'check',
  revision: 2,
  status: 'FAILURE',
  url: 'https://logs.example/26/271726/2/check/tempest-full-py3/5f0c1a2/',
  build_uuid: '5f0c1a2b3c4d4e5f8a9b0c1d2e3f4a5b',
  voting: true,
  duration: 3671,
  finished_at: '2024-02-13T23:39:24.000Z',
  branch: 'master',
  scrapable: true,
  unscrapable_reason: null,
  error_detail: null,
  latest: true,
  retried: false,
};
const artifact: Required<ArtifactRef> = {
  id: '09890181-4149-4cb2-82e3-c27f8301db03',
  artifact_name: 'testrepository.subunit',
  artifact_type: 'subunit',
  content_type: 'application/json',
  content_encoding: 'gzip',
  primary: true,
};
const recentRun: Required<RecentRun> = {
  uuid: 'f223e63b-6ac0-4236-9c1c-4dec769310aa',
  name: 'tempest-full-py3',
  change_id: 123456,
  change_project: 'openstack/nova',
  revision: 3,
  pipeline: 'check',
  status: 'finished',
  ci_status: 'FAILURE',
  created_at: '2024-02-14T03:50:12.345Z',
};
const { scrapable: _s, unscrapable_reason: _u, error_detail: _e, latest: _l, retried: _r, ...runFields } = entry;
const examples: Record<string, { value: object; optional: string[] }> = {
  ListRequestDto: { value: { q: '271726', history: true } satisfies Required<ListRequest>, optional: ['history'] },
  JobEntryDto: { value: entry, optional: ['latest', 'retried'] },
  ListResponseDto: {
    value: {
      results: [],
      message: '',
      change_id: 1,
      change_project: '',
      change_subject: '',
      change_branch: '',
    } satisfies Required<ListResponse>,
    optional: ['message', 'change_id', 'change_project', 'change_subject', 'change_branch'],
  },
  ScrapeAcceptedDto: { value: { status: 'queued', uuid: artifact.id } satisfies Required<ScrapeAccepted>, optional: [] },
  TaskStatusDto: {
    value: {
      uuid: artifact.id,
      status: 'finished',
      message: null,
      stage: null,
      artifacts_found: [],
      warnings: [],
    } satisfies Required<TaskStatusBody>,
    optional: [],
  },
  ArtifactRefDto: { value: artifact, optional: [] },
  TaskDto: {
    value: {
      ...runFields,
      url: 'https://logs.example/5f0c1a2/',
      id: artifact.id,
      artifacts: [artifact],
      message: null,
      warnings: [],
      scope: 'full',
      scrape_status: 'error',
      retryable: false,
    } satisfies Required<TaskBody>,
    optional: ['scrape_status', 'retryable'],
  },
  RecentRunDto: { value: recentRun, optional: [] },
  RecentResponseDto: { value: { runs: [recentRun] } satisfies Required<RecentResponse>, optional: [] },
  TaskNotReadyDto: {
    value: { uuid: artifact.id, status: 'queued', message: 'not ready yet' } satisfies Required<TaskNotReady>,
    optional: [],
  },
};

const uuid = artifact.id;
const run = {
  uuid,
  name: 'tempest-full-py3',
  change_id: 123456,
  revision: 3,
  pipeline: 'check',
  status: 'finished',
  finished_at: '2024-02-13T23:39:24.000Z',
} as const;
const comparedTest: Required<ComparedTest> = {
  name: 't.x',
  change: 'slower',
  base: { status: 'success', duration: 1 },
  head: { status: 'success', duration: 3 },
};
const counts = { runs: 3, failed: 1, passed: 1, skipped: 1 };
const insightRun: Required<InsightRun> = {
  task: uuid,
  url: entry.url!,
  change_id: 123456,
  revision: 3,
  pipeline: 'gate',
  status: 'error',
  error: 'the logs are gone (404)',
  finished_at: null,
  same_change: true,
};
const insightTest: Required<InsightTest> = {
  name: 't.x',
  status_here: 'fail',
  cause: 'ValueError: <n>',
  signature_id: '0123456789abcdef',
  other_changes: { ...counts, changes: 2, same_cause: 1 },
  same_change: counts,
  verdict: 'flaky',
  last_failed: { task: uuid, change_id: 123456, finished_at: null },
};
Object.assign(examples, {
  CompareRequestDto: { value: { base: uuid, head: uuid } satisfies Required<CompareRequest>, optional: [] },
  ComparedRunDto: { value: run, optional: [] },
  TestOnOneSideDto: { value: comparedTest.base!, optional: [] },
  ComparedTestDto: { value: comparedTest, optional: [] },
  CompareCountsDto: {
    value: { new_failures: 1, fixed: 0, still_failing: 0, added: 0, removed: 0, slower: 1, faster: 0, unchanged: 9 } satisfies Required<
      CompareResponse['counts']
    >,
    optional: [],
  },
  CompareResponseDto: {
    value: {
      base: run,
      head: run,
      counts: { new_failures: 0, fixed: 0, still_failing: 0, added: 0, removed: 0, slower: 1, faster: 0, unchanged: 0 },
      tests: [comparedTest],
    } satisfies Required<CompareResponse>,
    optional: [],
  },
  InsightRequestDto: {
    value: { q: uuid, uuid, id: uuid, builds: 20 } satisfies Required<InsightRequest>,
    optional: ['q', 'uuid', 'id', 'builds'],
  },
  InsightAcceptedDto: { value: { uuid, status: 'queued' } satisfies Required<InsightAccepted>, optional: [] },
  InsightProgressDto: { value: { uuid, status: 'running', done: 3, total: 20 } satisfies Required<InsightProgress>, optional: [] },
  InsightRunDto: { value: insightRun, optional: [] },
  RunCountsDto: { value: counts, optional: [] },
  OtherChangeCountsDto: { value: insightTest.other_changes, optional: [] },
  LastFailedDto: { value: insightTest.last_failed!, optional: [] },
  InsightTestDto: { value: insightTest, optional: [] },
  InsightResultDto: {
    value: {
      uuid,
      status: 'finished',
      task: uuid,
      job: 'tempest-full-py3',
      builds: 20,
      runs: [insightRun],
      tests: [insightTest],
    } satisfies Required<InsightResult>,
    optional: [],
  },
  WatchStatusDto: {
    value: {
      enabled: true,
      pipelines: ['gate'],
      cursor: 4000012,
      last_poll_at: '2026-12-07T06:00:00.000Z',
      last_error: null,
      queued_last_hour: 3,
      skipped_last_hour: 0,
      reported_last_hour: 2,
      report_skipped_last_hour: 0,
    } satisfies Required<WatchStatus>,
    optional: [],
  },
});

let paths: Record<
  string,
  Record<
    string,
    { summary?: string; description?: string; parameters?: unknown[]; requestBody?: unknown; responses: Record<string, unknown> }
  >
>;

async function openApiSchemas(): Promise<Record<string, SchemaObject>> {
  const moduleRef = await Test.createTestingModule({
    controllers: [
      JobsController,
      ScrapeController,
      CompareController,
      InsightController,
      HealthController,
      StorageController,
      BlobController,
      WatchController,
    ],
    providers: [
      { provide: WatchStore, useValue: {} },
      { provide: getDataSourceToken(), useValue: {} },
      { provide: SCRAPE_QUEUE, useValue: {} },
      { provide: StorageReportService, useValue: {} },
      { provide: BlobReader, useValue: {} },
      { provide: JobsService, useValue: {} },
      { provide: CompareService, useValue: {} },
      { provide: InsightsService, useValue: {} },
      { provide: TasksService, useValue: {} },
      { provide: TaskReader, useValue: {} },
      { provide: TaskAnswers, useValue: {} },
      { provide: APP_CONFIG, useValue: {} },
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
  await app.init();
  try {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    paths = doc.paths as typeof paths;
    return doc.components!.schemas as Record<string, SchemaObject>;
  } finally {
    await app.close();
  }
}

describe('the OpenAPI document and src/api-shapes', () => {
  let schemas: Record<string, SchemaObject>;
  beforeAll(async () => {
    schemas = await openApiSchemas();
  });

  it.each(Object.keys(examples))('%s has exactly the fields of its shape, optional ones not required', (name) => {
    const { value, optional } = examples[name];
    const schema = schemas[name];
    expect(schema).toBeDefined();
    expect(Object.keys(schema.properties ?? {}).sort()).toEqual(Object.keys(value).sort());
    expect([...(schema.required ?? [])].sort()).toEqual(
      Object.keys(value)
        .filter((k) => !optional.includes(k))
        .sort(),
    );
  });

  it('documents every route: a summary and a description, and every POST an example body', () => {
    const operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.map((o) => o.route).sort()).toEqual(
      [
        'GET /blob/{id}',
        'GET /health',
        'GET /health/storage',
        'GET /recent',
        'GET /watch',
        'POST /compare',
        'POST /insight',
        'POST /insight/result',
        'POST /list',
        'POST /scrape',
        'POST /status',
        'POST /task',
      ].sort(),
    );
    for (const { route, op } of operations) {
      expect({ route, summary: typeof op.summary, description: typeof op.description }).toEqual({
        route,
        summary: 'string',
        description: 'string',
      });
      if (!route.startsWith('POST')) continue;
      const examples = (op.requestBody as RequestBodyObject).content['application/json'].examples ?? {};
      expect({ route, examples: Object.keys(examples).length > 0 }).toEqual({ route, examples: true });
    }
  });

  it('uses the HTTPie calls of docs/api.md as examples', () => {
    const example = (route: string) =>
      Object.values((paths[route].post!.requestBody as RequestBodyObject).content['application/json'].examples ?? {}).map(
        (e) => (e as { value: unknown }).value,
      );
    expect(example('/list')).toContainEqual({ q: '271726' });
    expect(example('/list')).toContainEqual({ q: 'https://review.openstack.org/#/c/271726/' });
    expect(example('/scrape')).toContainEqual(
      expect.objectContaining({ change_id: 269624, url: 'http://logs.openstack.org/24/269624/19/check/gate-tempest-dsvm-full/84f9b4a/' }),
    );
    expect(example('/status')).toEqual([{ q: 'f223e63b-6ac0-4236-9c1c-4dec769310aa' }, { id: 'f223e63b-6ac0-4236-9c1c-4dec769310aa' }]);
  });

  it('GET /recent has a summary, an example and a bounded limit', async () => {
    const op = paths['/recent'].get!;
    expect(op.summary).toMatch(/most recently scraped/);
    const ok = op.responses['200'] as { content: Record<string, { example?: RecentResponse }> };
    expect(ok.content['application/json'].example?.runs[0]).toEqual(recentRun);
    const limit = (op.parameters as { name: string; schema: SchemaObject }[]).find((p) => p.name === 'limit')!;
    expect(limit.schema).toMatchObject({ default: 20 });
  });

  it('lists the entry fields in the order the API returns them', () => {
    expect(Object.keys(schemas.JobEntryDto.properties ?? {})).toEqual([...JOB_ENTRY_FIELDS]);
    expect(Object.keys(runFields)).toEqual([...RUN_FIELDS]);
  });
});
