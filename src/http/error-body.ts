import { STATUS_CODES } from 'node:http';
import type { ErrorBody } from '../api-shapes';
import { BODY_LIMIT_BYTES } from './body-limit';

/** The error body: `{statusCode, error, message}` with `message` always one string. */
export function errorBody(statusCode: number, message: string): ErrorBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/** Fastify's own errors before a route runs, by their code, in words that say what to send instead. */
const BY_CODE: Record<string, string> = {
  FST_ERR_BAD_URL: 'the request path is not valid percent-encoded UTF-8',
  FST_ERR_MAX_PARAM_LENGTH: 'a path segment is longer than the 100 characters this server accepts',
};

/**
 * Statuses only Fastify's body parsing answers. Nest hands these errors on as plain HttpExceptions
 * (message kept, code dropped), so they are told apart by status.
 */
const BY_STATUS: Record<number, string> = {
  413: `the request body is larger than the ${BODY_LIMIT_BYTES / 1024} KiB this server accepts`,
  415: 'the request body must be JSON (Content-Type: application/json)',
};

export function clientErrorMessage(error: { statusCode: number; code?: string; message: string }): string {
  return (error.code && BY_CODE[error.code]) || BY_STATUS[error.statusCode] || error.message;
}
