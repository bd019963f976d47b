import { AsyncLocalStorage } from 'node:async_hooks';

/** Who a log line is about: the API request or the scrape task being worked on. */
export interface LogContext {
  requestId?: string;
  taskId?: string;
}

export const logContext = new AsyncLocalStorage<LogContext>();
