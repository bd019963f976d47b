import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';
import { acceptsGzip } from './accept-encoding';
import type { BlobMeta } from './blob-reader';

const gunzipAsync = promisify(gunzip);

/**
 * GET /blob's answer for a stored blob: a strong ETag and immutable caching, 304 when
 * If-None-Match names it, else the stored gzip bytes (or, when Accept-Encoding rules gzip out,
 * the bytes inflated).
 */
export async function sendBlob(
  reply: FastifyReply,
  meta: BlobMeta,
  body: Buffer | Readable,
  headers: { ifNoneMatch: string | undefined; acceptEncoding: string | undefined },
): Promise<void> {
  const etag = `"${meta.sha256}"`;
  void reply.header('etag', etag).header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'Accept-Encoding');
  if (headers.ifNoneMatch && headers.ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    await reply.status(304).send();
    return;
  }
  void reply.header('content-type', meta.contentType);
  if (acceptsGzip(headers.acceptEncoding)) {
    await reply.header('content-encoding', meta.contentEncoding).header('content-length', meta.size).send(body);
  } else {
    await reply.send(Buffer.isBuffer(body) ? await gunzipAsync(body) : (body as Readable).pipe(createGunzip()));
  }
}
