import { BadRequestException, Controller, Get, Headers, NotFoundException, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EXAMPLE_BLOB_ID } from '../http/openapi-examples';
import { sendBlob } from './blob-answer';
import { BlobReader } from './blob-reader';

const uuidPipe = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('blob id must be a uuid from /task') });

@ApiTags('artifacts')
@Controller('blob')
export class BlobController {
  constructor(private readonly blobs: BlobReader) {}

  @Get(':id')
  @ApiOperation({
    summary: 'One stored artifact',
    description:
      'The artifact bytes with its Content-Type, gzip-encoded (Content-Encoding: gzip) unless Accept-Encoding rules gzip out; ' +
      'a strong ETag (304 on If-None-Match) and Cache-Control: public, max-age=31536000, immutable. ' +
      `Example: http get localhost:5000/blob/${EXAMPLE_BLOB_ID} --headers`,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'the artifact bytes, gzip-encoded unless the client refuses gzip; immutable' })
  @ApiNotFoundResponse({ description: 'no such artifact' })
  async blob(
    @Param('id', uuidPipe) rawId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const blob = await this.blobs.open(rawId.toLowerCase());
    if (!blob) throw new NotFoundException(`no artifact ${rawId}`);
    await sendBlob(reply, blob.meta, blob.body, { ifNoneMatch, acceptEncoding });
  }
}
