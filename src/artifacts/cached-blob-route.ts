import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { sendBlob } from './blob-answer';
import { BlobReader } from './blob-reader';

/**
 * GET /blob/{id} of a small blob already in memory, answered in a Fastify preHandler before Nest's
 * pipeline (parameter pipes, interceptors): a viewer reads a run's artifacts again and again, and
 * a stored blob never changes. The request has by then had its request id and log context; the
 * access log and response headers follow as usual. Any other id, valid or not, falls through to
 * BlobController, which answers (or refuses) as always, with the same `sendBlob`.
 */
@Injectable()
export class CachedBlobRoute implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly blobs: BlobReader,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('preHandler', (req, reply, done) => {
      if (req.method !== 'GET' || req.routeOptions.url !== '/blob/:id') return done();
      const id = (req.params as { id?: unknown }).id;
      const blob = typeof id === 'string' ? this.blobs.inMemory(id.toLowerCase()) : undefined;
      if (!blob) return done();
      const headers = { ifNoneMatch: req.headers['if-none-match'], acceptEncoding: req.headers['accept-encoding'] };
      sendBlob(reply, blob.meta, blob.body, headers).catch((err: Error) => reply.send(err));
    });
  }
}
