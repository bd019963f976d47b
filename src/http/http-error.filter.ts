import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '../api-shapes';
import { isTransientDatabaseError } from '../database/transient-errors';
import { clientErrorMessage, errorBody } from './error-body';

function messageOf(exception: HttpException): string {
  const res = exception.getResponse();
  if (typeof res === 'string') return res;
  const m = (res as { message?: unknown }).message;
  if (Array.isArray(m)) return m.join('; ');
  return typeof m === 'string' ? m : exception.message;
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let body: ErrorBody;
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      body = errorBody(statusCode, clientErrorMessage({ statusCode, message: messageOf(exception) }));
    } else if (isClientError(exception)) {
      // Fastify's own errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode.
      body = errorBody(exception.statusCode, clientErrorMessage(exception));
    } else if (isTransientDatabaseError(exception)) {
      // The database restarting or busy: the request was fine and will work again shortly.
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      body = errorBody(HttpStatus.SERVICE_UNAVAILABLE, 'the database is unavailable right now; try again shortly');
    } else {
      this.logger.error(`unhandled error: ${(exception as Error)?.message}`, (exception as Error)?.stack);
      body = errorBody(HttpStatus.INTERNAL_SERVER_ERROR, 'internal error; the request id is in the server log');
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }
}

function isClientError(e: unknown): e is { statusCode: number; message: string; code?: string } {
  const code = (e as { statusCode?: unknown })?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 500;
}
