import { BadRequestException, Controller, Get, Headers, NotFoundException, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { createGunzip } from 'node:zlib';
import { acceptsGzip } from './accept-encoding';
import { ArtifactStore } from './artifact-store.service';

const uuidPipe = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('blob id must be a uuid from /task') });

@ApiTags('artifacts')
@Controller('blob')
export class BlobController {
  constructor(private readonly store: ArtifactStore) {}

  @Get(':id')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ description: 'the artifact bytes, gzip-encoded unless the client refuses gzip; immutable' })
  @ApiNotFoundResponse({ description: 'no such artifact' })
  async blob(
    @Param('id', uuidPipe) id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const meta = await this.store.findMeta(id.toLowerCase());
    if (!meta) throw new NotFoundException(`no artifact ${id}`);
    const etag = `"${meta.sha256}"`;
    void reply
      .header('etag', etag)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('vary', 'Accept-Encoding');
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
      await reply.status(304).send();
      return;
    }
    void reply.header('content-type', meta.contentType);
    const stored = this.store.openStored(meta);
    if (acceptsGzip(acceptEncoding)) {
      await reply.header('content-encoding', meta.contentEncoding).header('content-length', meta.size).send(stored);
    } else {
      await reply.send(stored.pipe(createGunzip()));
    }
  }
}
