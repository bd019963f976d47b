import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { SIGNATURE_ID } from '../failure-cause/failure-cause';
import { UUID } from '../http/field-rules';
import { EXAMPLE_TASK_UUID } from '../http/openapi-examples';
import { checkAdminToken } from './admin-token';
import {
  DEFAULT_SEARCH_LIMIT,
  DEFAULT_TOP_LIMIT,
  FailureCountsRequestDto,
  FailureCountsResponseDto,
  FailureDetailDto,
  FailureDetailQueryDto,
  FailureRuleDto,
  FailureRuleRequestDto,
  FailureRulesResponseDto,
  FailureSearchRequestDto,
  FailureSearchResponseDto,
  FailureTopQueryDto,
  FailureTopResponseDto,
  PurgedRunDto,
} from './dto/failures.dto';
import { FailureQueries } from './failure-queries';
import { FailureRules } from './failure-rules';
import { FailureSearch } from './failure-search';

@ApiTags('failures')
@Controller('failures')
export class FailuresController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly search: FailureSearch,
    private readonly queries: FailureQueries,
    private readonly rules: FailureRules,
  ) {}

  /** A window in days: the default when left out; 400 past FAILURE_HISTORY_DAYS. */
  private days(given: number | string | undefined, fallback: number): number {
    const days = given === undefined || given === null ? Math.min(fallback, this.config.failureHistoryDays) : Number(given);
    if (days > this.config.failureHistoryDays) {
      throw new BadRequestException(`days must be a whole number from 1 to ${this.config.failureHistoryDays} (FAILURE_HISTORY_DAYS)`);
    }
    return days;
  }

  @Post('search')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Find failure signatures: by id, by a pasted traceback line, or by text',
    description:
      'q is a signature id; else a pasted traceback line, masked as signatures are (a stored <test> matches any test name) and ' +
      'matched exactly, together with text found case-insensitively within signatures and test names. Sorted by distinct changes, then occurrences.',
  })
  @ApiOkResponse({ type: FailureSearchResponseDto })
  @ApiBadRequestResponse({ description: 'q empty; days, limit, job or project out of range' })
  async find(@Body() body: FailureSearchRequestDto): Promise<FailureSearchResponseDto> {
    const days = this.days(body.days, 7);
    const { total, results } = await this.search.search(
      body.q,
      { days, job: body.job, project: body.project },
      body.limit ?? DEFAULT_SEARCH_LIMIT,
    );
    return { q: body.q, days, total, results };
  }

  @Get('top')
  @ApiOperation({
    summary: 'The most widespread failure signatures of the window: by distinct changes hit, then occurrences',
    description: 'pipeline and project narrow it to their occurrences.',
  })
  @ApiOkResponse({ type: FailureTopResponseDto })
  @ApiBadRequestResponse({ description: 'days or limit is not a whole number in range' })
  async top(@Query() query: FailureTopQueryDto): Promise<FailureTopResponseDto> {
    const days = this.days(query.days, 7);
    const pipeline = query.pipeline?.trim() || null;
    const limit = query.limit === undefined ? DEFAULT_TOP_LIMIT : Number(query.limit);
    const { results } = await this.queries.groups({ days, pipeline, project: query.project?.trim() || null }, limit);
    return { days, pipeline, results };
  }

  @Post('counts')
  @HttpCode(200)
  @ApiOperation({
    summary: "Several signatures' occurrences and distinct changes in the window, in one request",
    description: "What a site's summary and an insight show beside each failure group: how often its signature was seen lately.",
  })
  @ApiOkResponse({ type: FailureCountsResponseDto })
  @ApiBadRequestResponse({ description: 'ids is not a list of 1 to 500 signature ids; days out of range' })
  async counts(@Body() body: FailureCountsRequestDto): Promise<FailureCountsResponseDto> {
    const days = this.days(body.days, 7);
    return {
      days,
      counts: await this.queries.counts(
        body.ids.map((id) => id.toLowerCase()),
        days,
      ),
    };
  }

  @Get('rules')
  @ApiOperation({ summary: 'The bug rules, newest first: a rule links the signatures it matches to a bug' })
  @ApiOkResponse({ type: FailureRulesResponseDto })
  async listRules(): Promise<FailureRulesResponseDto> {
    return { rules: await this.rules.list() };
  }

  @Post('rules')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Link the signatures a pattern matches to a bug',
    description:
      'Needs Authorization: Bearer <ADMIN_TOKEN>. The pattern is text (found case-insensitively) or /regex/ (RE2), at most 500 characters.',
  })
  @ApiCreatedResponse({ type: FailureRuleDto })
  @ApiBadRequestResponse({
    description: 'a pattern that is empty, too long or not a regex RE2 accepts; a bug_url that is not http(s); no title',
  })
  @ApiUnauthorizedResponse({ description: 'no Authorization header' })
  @ApiForbiddenResponse({ description: 'ADMIN_TOKEN is not set, or the token is not it' })
  async createRule(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: FailureRuleRequestDto,
  ): Promise<FailureRuleDto> {
    checkAdminToken(this.config.adminToken, authorization);
    return this.rules.create(body);
  }

  @Delete('rules/:id')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Remove a bug rule', description: 'Needs Authorization: Bearer <ADMIN_TOKEN>.' })
  @ApiParam({ name: 'id', example: 3 })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiBadRequestResponse({ description: 'id is not a whole number' })
  @ApiUnauthorizedResponse({ description: 'no Authorization header' })
  @ApiForbiddenResponse({ description: 'ADMIN_TOKEN is not set, or the token is not it' })
  @ApiNotFoundResponse({ description: 'no such rule' })
  async deleteRule(@Headers('authorization') authorization: string | undefined, @Param('id') id: string): Promise<void> {
    checkAdminToken(this.config.adminToken, authorization);
    if (!/^\d{1,15}$/.test(id))
      throw new BadRequestException(`the rule id must be a whole number (got ${JSON.stringify(id.slice(0, 40))})`);
    await this.rules.delete(Number(id));
  }

  @Get('task/:uuid')
  @ApiOperation({
    summary: 'The run of a purged task whose failure occurrences are kept',
    description: "Its log URL, job, change and build: a purged task's page offers to generate it again (/go/<log_url>).",
  })
  @ApiParam({ name: 'uuid', example: EXAMPLE_TASK_UUID })
  @ApiOkResponse({ type: PurgedRunDto })
  @ApiBadRequestResponse({ description: 'not a uuid' })
  @ApiNotFoundResponse({ description: 'no purged task of this uuid left an occurrence' })
  async purgedRun(@Param('uuid') uuid: string): Promise<PurgedRunDto> {
    if (!UUID.test(uuid))
      throw new BadRequestException(`${JSON.stringify(uuid.slice(0, 40))} is not a task uuid such as ${EXAMPLE_TASK_UUID}`);
    const run = await this.queries.purgedRun(uuid.toLowerCase());
    if (!run) throw new NotFoundException(`no failure occurrence of a purged task ${uuid} is kept`);
    return run;
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'One failure signature: counts over 1/3/7/30 days, a row per day, its tests, jobs and projects, the latest occurrences, an example',
  })
  @ApiParam({ name: 'id', description: 'a signature id (16 hex characters)', example: '3f1c9a2e7b0d4c58' })
  @ApiOkResponse({ type: FailureDetailDto })
  @ApiBadRequestResponse({ description: 'not a signature id; days out of range' })
  @ApiNotFoundResponse({ description: 'no occurrence of it is kept' })
  async detail(@Param('id') id: string, @Query() query: FailureDetailQueryDto): Promise<FailureDetailDto> {
    if (!SIGNATURE_ID.test(id))
      throw new BadRequestException(`${JSON.stringify(id.slice(0, 40))} is not a signature id: 16 hex characters such as 3f1c9a2e7b0d4c58`);
    const detail = await this.queries.detail(id.toLowerCase(), this.days(query.days, 30), this.config.failureHistoryDays);
    if (!detail) throw new NotFoundException(`no occurrence of failure signature ${id} is kept`);
    return detail;
  }
}
