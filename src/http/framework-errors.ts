import type { ConnectionError, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { clientErrorMessage, errorBody } from './error-body';

/**
 * Errors Fastify meets before a route runs (a path that is not valid percent-encoding, a path
 * parameter over the router's length limit) answered in the API's error shape instead of
 * Fastify's own `{code: "FST_ERR_…"}` one. The reply is an ordinary one: the connection stays open.
 */
export function frameworkErrors(error: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(errorBody(status, clientErrorMessage({ statusCode: status, code: error.code, message: error.message })));
}

/** How long a socket answered with a parser error may linger, however the client trickles bytes. */
const LINGER_MS = 2000;

/**
 * Requests Node's HTTP parser refuses (headers over its 16 KiB limit, bytes that are not HTTP, a
 * request that took too long to arrive) never reach Fastify. The parser cannot go on after such an
 * error, so the socket is answered in the API's error shape with `Connection: close` and closed
 * gracefully: ended rather than destroyed, and drained for a moment, so the client reads the answer
 * instead of a reset (closing a socket with unread request bytes makes the kernel send RST), and a
 * keep-alive client knows not to send its next request on it.
 */
export function clientErrorHandler(err: ConnectionError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // The parser reports every further chunk of a refused request as another error: answer once.
  if (socket.writableEnded) return;
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  // Never write into the middle of a response already on its way on this socket (pipelining).
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent: boolean } })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(errorBody(status, parserErrorMessage(status)));
  // An answer to HEAD has no body: a client would take one for garbage after the headers. The method
  // is only known when the refused bytes start the request (headers that arrived in one read).
  // (Fastify's type says rawPacket is JSON; Node hands over the Buffer.)
  const raw: unknown = err.rawPacket;
  const head = Buffer.isBuffer(raw) && raw.subarray(0, 5).toString('latin1') === 'HEAD ';
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      (head ? '' : body),
  );
  const linger = setTimeout(() => socket.destroy(), LINGER_MS);
  socket.once('close', () => clearTimeout(linger));
}

function parserErrorMessage(status: number): string {
  switch (status) {
    case 431:
      return 'the request headers are larger than the 16 KiB this server accepts';
    case 408:
      return 'the request took too long to arrive';
    default:
      return 'the request is not valid HTTP/1.1';
  }
}
