import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBody,
  ApiBadRequestResponse,
  ApiGatewayTimeoutResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { LIST_EXAMPLES } from '../http/openapi-examples';
import { ListRequestDto } from './dto/list-request.dto';
import { ListResponseDto } from './dto/list-response.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@Controller()
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Post('list')
  @HttpCode(200)
  @ApiOperation({
    summary: 'List the CI jobs a change, patch set, Gerrit URL, Zuul page or log URL names',
    description:
      'Every CI result is an entry; those POST /scrape cannot take (no logs, a log host outside ARTIFACT_HOSTS, another Zuul) have scrapable false and unscrapable_reason. With history: every run, newest first, each with latest.',
  })
  @ApiBody({ type: ListRequestDto, examples: LIST_EXAMPLES })
  @ApiOkResponse({ type: ListResponseDto })
  @ApiBadRequestResponse({
    description:
      'q is none of the accepted forms (the message says what it looked like and what to paste instead), or history is not a boolean',
  })
  @ApiNotFoundResponse({ description: 'unknown change, patch set or build' })
  @ApiBadGatewayResponse({ description: 'Gerrit or Zuul is down or answered garbage (named in the message)' })
  @ApiGatewayTimeoutResponse({ description: 'Gerrit or Zuul did not answer within FETCH_TIMEOUT_MS' })
  async list(@Body() body: ListRequestDto): Promise<ListResponseDto> {
    return this.jobs.list(body.q, body.history ?? false);
  }
}
