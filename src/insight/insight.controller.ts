import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { EXAMPLE_TASK_UUID } from '../http/openapi-examples';
import type { FastifyReply } from 'fastify';
import { InsightAcceptedDto, InsightProgressDto, InsightRequestDto, InsightResultDto, InsightResultRequestDto } from './dto/insight.dto';
import { DEFAULT_INSIGHT_BUILDS, InsightsService } from './insights.service';

@ApiTags('insight')
@Controller('insight')
export class InsightController {
  constructor(private readonly insights: InsightsService) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask whether a run’s failures are its change’s or flakes',
    description:
      'Looks at up to `builds` other runs of the same job: first the change’s other patch sets and rechecks, then the newest ' +
      'completed builds of the job on other changes (Zuul, same tenant). Each is scraped as an ordinary task (its test results ' +
      'only, and an already scraped one is reused). Asking again for the same task returns the same insight.',
  })
  @ApiBody({ type: InsightRequestDto, examples: { 'twenty other runs': { value: { q: EXAMPLE_TASK_UUID, builds: 20 } } } })
  @ApiAcceptedResponse({ type: InsightAcceptedDto, description: 'queued, or the existing insight of this task' })
  @ApiBadRequestResponse({ description: 'q is not a uuid, or builds is not 1 to 50' })
  @ApiNotFoundResponse({ description: 'no such task' })
  @ApiConflictResponse({ description: 'the task has not finished, or has no test results' })
  @ApiUnprocessableEntityResponse({
    description: 'a legacy (Jenkins) run, or one without its Zuul build: Zuul cannot find other runs of it',
  })
  @ApiBadGatewayResponse({ description: 'Gerrit or Zuul is down or answered garbage' })
  request(@Body() body: InsightRequestDto): Promise<InsightAcceptedDto> {
    return this.insights.request(body.q, body.builds ?? DEFAULT_INSIGHT_BUILDS);
  }

  @Post('result')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The verdicts of an insight, or its progress',
    description:
      'While its runs are scraped: 202 with how many have ended. Then 200 with every run looked at and, for each test that failed ' +
      'in the task, what the other runs say: new, flaky, broken or unknown.',
  })
  @ApiBody({ type: InsightResultRequestDto, examples: { 'an insight': { value: { q: EXAMPLE_TASK_UUID } } } })
  @ApiOkResponse({ type: InsightResultDto, description: 'finished' })
  @ApiAcceptedResponse({ type: InsightProgressDto, description: 'still queued or running' })
  @ApiBadRequestResponse({ description: 'q is not a uuid' })
  @ApiNotFoundResponse({ description: 'no such insight' })
  async result(
    @Body() body: InsightResultRequestDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<InsightResultDto | InsightProgressDto> {
    const answer = await this.insights.result(body.q);
    if (!answer.finished) void reply.status(202);
    return answer.body;
  }
}
