import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { EXAMPLE_TASK_UUID } from '../http/openapi-examples';
import { CompareService } from './compare.service';
import { CompareRequestDto, CompareResponseDto } from './dto/compare.dto';

@ApiTags('compare')
@Controller()
export class CompareController {
  constructor(private readonly compare: CompareService) {}

  @Post('compare')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Compare the test results of two runs',
    description:
      'Matches tests by name and lists every one whose result changed from base to head: new failures first, then fixed, ' +
      'still failing, slower, faster (at least 2× and 1 s), added and removed. Both tasks must have finished with test results.',
  })
  @ApiBody({
    type: CompareRequestDto,
    examples: {
      'a recheck against the failed run': {
        value: { base: EXAMPLE_TASK_UUID, head: '3b0d6a57-8c1e-4f7a-9d2b-6e5c4a3b2f10' },
      },
    },
  })
  @ApiOkResponse({ type: CompareResponseDto })
  @ApiBadRequestResponse({ description: 'base or head is not a uuid' })
  @ApiNotFoundResponse({ description: 'no such task (the message names the side)' })
  @ApiConflictResponse({ description: 'a side has not finished, or has no test results (the message says which and why)' })
  run(@Body() body: CompareRequestDto): Promise<CompareResponseDto> {
    return this.compare.compare(body.base, body.head);
  }
}
