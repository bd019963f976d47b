import { LoggerService } from '@nestjs/common';
import { logContext } from './request-context';

type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Lines waiting for each output, shared by every logger writing to it so that their lines keep their order. */
const waiting = new Map<NodeJS.WritableStream, string>();

function flush(out: NodeJS.WritableStream): void {
  const lines = waiting.get(out);
  if (lines === undefined) return;
  waiting.delete(out);
  out.write(lines);
}

process.on('exit', () => [...waiting.keys()].forEach(flush));

/**
 * One JSON line per event (production) or a readable line (development). Every line carries the
 * request id or task id of the work it belongs to, taken from the async context.
 *
 * Lines are written once per turn of the event loop, together: stdout to a file or a pipe is a
 * synchronous write each time, and one per request was a tenth of an API process's time under
 * load. An error line is written at once, with those waiting before it; the others wait at most
 * until the turn ends or the process exits normally (a SIGKILL or a crash of V8 loses that turn's).
 */
export class AppLogger implements LoggerService {
  constructor(
    private readonly format: 'json' | 'pretty',
    private readonly minLevel: Level,
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {}

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    // Nest passes (message, stack, context) or (message, context).
    const ctx = context ?? (stackOrContext && !stackOrContext.includes('\n') ? stackOrContext : undefined);
    const stack = context ? stackOrContext : stackOrContext?.includes('\n') ? stackOrContext : undefined;
    this.write('error', message, ctx, stack);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  private write(level: Level, message: unknown, context?: string, stack?: string): void {
    if (RANK[level] < RANK[this.minLevel]) return;
    const ids = logContext.getStore() ?? {};
    const fields = typeof message === 'object' && message !== null ? (message as Record<string, unknown>) : { msg: String(message) };
    if (this.format === 'json') {
      this.add(
        level,
        JSON.stringify({ time: new Date().toISOString(), level, context, ...ids, ...fields, ...(stack ? { stack } : {}) }) + '\n',
      );
      return;
    }
    const { msg, ...rest } = fields as { msg?: unknown };
    const idText = ids.requestId ? ` req=${ids.requestId}` : ids.taskId ? ` task=${ids.taskId}` : '';
    const extra = Object.keys(rest).length ? ' ' + JSON.stringify(rest) : '';
    this.add(
      level,
      `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${context ?? 'app'}]${idText} ${msg ?? ''}${extra}${stack ? '\n' + stack : ''}\n`,
    );
  }

  private add(level: Level, line: string): void {
    const before = waiting.get(this.out);
    if (before === undefined) setImmediate(flush, this.out);
    waiting.set(this.out, (before ?? '') + line);
    if (level === 'error') flush(this.out);
  }
}
