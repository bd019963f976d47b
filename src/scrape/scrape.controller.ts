import { BadRequestException, Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RUN_FIELDS, RunFields } from '../api-shapes';
import { ArtifactStore } from '../artifacts/artifact-store.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { artifactHostRefusal } from '../config/host-list';
import { ScrapeRequestDto } from './dto/scrape-request.dto';
import { ArtifactRefDto, ScrapeAcceptedDto, TaskDto, TaskNotReadyDto, TaskStatusDto } from './dto/task-responses.dto';
import { UuidQueryDto } from './dto/uuid-query.dto';
import { jsonList, normaliseLogUrl, taskToRunFields } from './task-entry';
import { TasksService } from './tasks.service';

/** The run fields of a /scrape body; what it left out is null. */
function runFieldsOf(body: ScrapeRequestDto, url: string): RunFields & { url: string } {
  const fields = Object.fromEntries(RUN_FIELDS.map((k) => [k, body[k] ?? null])) as unknown as RunFields;
  return { ...fields, url };
}

@ApiTags('scrape')
@Controller()
export class ScrapeController {
  constructor(
    private readonly tasks: TasksService,
    private readonly store: ArtifactStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('scrape')
  @HttpCode(202)
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
  @ApiOkResponse({ type: TaskStatusDto })
  @ApiBadRequestResponse({ description: 'q is not a uuid' })
  @ApiNotFoundResponse({ description: 'no such task' })
  async status(@Body() { q }: UuidQueryDto): Promise<TaskStatusDto> {
    const t = await this.tasks.get(q);
    return {
      uuid: t.id,
      status: t.status,
      message: t.message,
      stage: t.stage,
      artifacts_found: jsonList(t.artifactsFound),
      warnings: jsonList(t.warnings),
    };
  }

  @Post('task')
  @HttpCode(200)
  @ApiOkResponse({ type: TaskDto, description: 'finished (or error, with scrape_status and message)' })
  @ApiAcceptedResponse({ type: TaskNotReadyDto, description: 'still queued or running' })
  @ApiBadRequestResponse({ description: 'q is not a uuid' })
  @ApiNotFoundResponse({ description: 'no such task' })
  async task(@Body() { q }: UuidQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TaskDto | TaskNotReadyDto> {
    const t = await this.tasks.get(q);
    if (t.status === 'queued' || t.status === 'running') {
      void reply.status(202);
      return { uuid: t.id, status: t.status, message: 'not ready yet' };
    }
    const artifacts: ArtifactRefDto[] = (await this.store.listForTask(t.id)).map((a) => ({
      id: a.id,
      artifact_name: a.artifactName,
      artifact_type: a.artifactType,
      content_type: a.contentType,
      content_encoding: a.contentEncoding,
      primary: Boolean(a.primary),
    }));
    const body: TaskDto = { ...taskToRunFields(t), id: t.id, artifacts, message: t.message, warnings: jsonList(t.warnings), scope: t.scope };
    return t.status === 'error' ? { ...body, scrape_status: 'error' } : body;
  }
}
