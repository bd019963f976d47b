import type { FastifyInstance } from 'fastify';

/**
 * Once the server is closing, each response in flight goes out with `Connection: close`, so its
 * keep-alive connection ends with it. Without this, a client that keeps connections open (most do,
 * for the 72 s of Fastify's keep-alive) holds the closing server open long after its last answer,
 * since Node only closes connections that are idle when close() is called.
 */
export function closeConnectionsOnShutdown(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}
