import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Post, Query, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RECENT_DEFAULT_LIMIT } from '../api-shapes';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { artifactHostRefusal } from '../config/host-list';
import { SCRAPE_EXAMPLES, TASK_QUERY_EXAMPLES, EXAMPLE_TASK_UUID } from '../http/openapi-examples';
import { RecentQueryDto, RecentResponseDto } from './dto/recent.dto';
import { ScrapeRequestDto } from './dto/scrape-request.dto';
import { ScrapeAcceptedDto, TaskDto, TaskNotReadyDto, TaskStatusDto } from './dto/task-responses.dto';
import { UuidQueryDto } from './dto/uuid-query.dto';
import { JSON_UTF8, TaskAnswers } from './task-answers';
import { normaliseLogUrl, runFieldsOf } from '../tasks/task-entry';
import { TaskReader } from '../tasks/task-reader';
import { TasksService } from '../tasks/tasks.service';

@ApiTags('scrape')
@Controller()
export class ScrapeController {
  constructor(
    private readonly tasks: TasksService,
    private readonly reader: TaskReader,
    private readonly answers: TaskAnswers,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('scrape')
  @HttpCode(202)
  @ApiOperation({
    summary: "Scrape a CI job's logs into StackViz artifacts",
    description:
      "Takes an entry of POST /list (at least url: the job's log directory on an ARTIFACT_HOSTS host) and queues a task; " +
      'scraping a URL that already has a queued, running or finished task returns that task. Poll POST /status, then read POST /task.',
  })
  @ApiBody({ type: ScrapeRequestDto, examples: SCRAPE_EXAMPLES })
  @ApiAcceptedResponse({ type: ScrapeAcceptedDto, description: 'queued, or the existing task for this url' })
  @ApiBadRequestResponse({ description: 'not an http(s) URL on an ARTIFACT_HOSTS host' })
  @ApiServiceUnavailableResponse({ description: 'the queue is down; nothing was stored' })
  async scrape(@Body() body: ScrapeRequestDto): Promise<ScrapeAcceptedDto> {
    const url = normaliseLogUrl(body.url);
    const refusal = artifactHostRefusal(url, this.config.artifactHosts);
    if (refusal) throw new BadRequestException(refusal);
    const { task } = await this.tasks.createOrReuse(runFieldsOf(body, url));
    return { status: task.status, uuid: task.id };
  }

  @Post('status')
  @HttpCode(200)
  @ApiOperation({
    summary: "A task's state: queued, running, finished or error",
    description: 'With the stage the worker is at, why it failed (message) and what a finished task did not read cleanly (warnings).',
  })
  @ApiBody({ type: UuidQueryDto, examples: TASK_QUERY_EXAMPLES })
  @ApiOkResponse({ type: TaskStatusDto })
  @ApiBadRequestResponse({ description: 'q is not a uuid' })
  @ApiNotFoundResponse({ description: 'no such task' })
  async status(@Body() { q }: UuidQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TaskStatusDto | Buffer> {
    const answer = await this.answers.status(q);
    if ('live' in answer) return answer.live;
    void reply.header('content-type', JSON_UTF8);
    return answer.ended;
  }

  @Get('recent')
  @ApiOperation({
    summary: 'The runs most recently scraped here, newest first (the home page lists them)',
    description: 'Tasks that fetched a whole run (not the test-results-only runs of flake insight); limit 1 to 100, default 20.',
  })
  @ApiOkResponse({
    type: RecentResponseDto,
    example: {
      runs: [
        {
          uuid: EXAMPLE_TASK_UUID,
          name: 'tempest-full-py3',
          change_id: 123456,
          change_project: 'openstack/nova',
          revision: 3,
          pipeline: 'check',
          status: 'finished',
          ci_status: 'FAILURE',
          created_at: '2024-02-14T03:50:12.345Z',
        },
      ],
    },
  })
  @ApiBadRequestResponse({ description: 'limit is not a whole number from 1 to 100' })
  async recent(@Query() { limit }: RecentQueryDto): Promise<RecentResponseDto> {
    const tasks = await this.reader.recent(limit ?? RECENT_DEFAULT_LIMIT);
    return {
      runs: tasks.map((t) => ({
        uuid: t.id,
        name: t.name,
        change_id: t.changeId,
        change_project: t.changeProject,
        revision: t.revision,
        pipeline: t.pipeline,
        status: t.status,
        ci_status: t.ciStatus,
        created_at: t.createdAt.toISOString(),
      })),
    };
  }

  @Post('task')
  @HttpCode(200)
  @ApiOperation({
    summary: "A finished task's entry and its artifacts (StackViz's deployer mode reads this)",
    description:
      'Each artifact is read with GET /blob/{id}. 202 "not ready yet" while the task is queued or running; an errored task has scrape_status error.',
  })
  @ApiBody({ type: UuidQueryDto, examples: TASK_QUERY_EXAMPLES })
  @ApiOkResponse({ type: TaskDto, description: 'finished (or error, with scrape_status and message)' })
  @ApiAcceptedResponse({ type: TaskNotReadyDto, description: 'still queued or running' })
  @ApiBadRequestResponse({ description: 'q is not a uuid' })
  @ApiNotFoundResponse({ description: 'no such task' })
  async task(@Body() { q }: UuidQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TaskNotReadyDto | Buffer> {
    const answer = await this.answers.task(q);
    if ('live' in answer) {
      void reply.status(202);
      return answer.live;
    }
    void reply.header('content-type', JSON_UTF8);
    return answer.ended;
  }
}
