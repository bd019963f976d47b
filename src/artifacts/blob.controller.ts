import { BadRequestException, Controller, Get, Headers, NotFoundException, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { createGunzip, gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { EXAMPLE_BLOB_ID } from '../http/openapi-examples';
import { acceptsGzip } from './accept-encoding';
import { BlobReader } from './blob-reader';

const gunzipAsync = promisify(gunzip);
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
    const id = rawId.toLowerCase();
    const blob = await this.blobs.open(id);
    if (!blob) throw new NotFoundException(`no artifact ${rawId}`);
    const { meta, body } = blob;
    const etag = `"${meta.sha256}"`;
    void reply.header('etag', etag).header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'Accept-Encoding');
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
      await reply.status(304).send();
      return;
    }
    void reply.header('content-type', meta.contentType);
    if (acceptsGzip(acceptEncoding)) {
      await reply.header('content-encoding', meta.contentEncoding).header('content-length', meta.size).send(body);
    } else {
      await reply.send(Buffer.isBuffer(body) ? await gunzipAsync(body) : (body as Readable).pipe(createGunzip()));
    }
  }
}
