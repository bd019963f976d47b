/** Python logging levels as they appear in `pythonlogging` attachments, least severe first. */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogRecord {
  level: LogLevel | null;
  /** The record's text, continuation lines (tracebacks) included. */
  text: string;
}

const LEVEL_WORD = /\b(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL|TRACE)\b/;
/** A record starts with a date/time stamp ("2016-02-09 02:39:10,123" or "02:39:10.123"). */
const RECORD_START = /^(\d{4}-\d\d-\d\d[ T])?\d\d:\d\d:\d\d/;

function normalise(word: string): LogLevel {
  if (word === 'WARN') return 'WARNING';
  if (word === 'CRITICAL') return 'ERROR';
  if (word === 'TRACE') return 'DEBUG';
  return word as LogLevel;
}

/** Splits a log into records; lines that do not start a record belong to the one before. */
export function parseLogRecords(text: string): LogRecord[] {
  const records: LogRecord[] = [];
  for (const line of text.replace(/\r?\n$/, '').split(/\r?\n/)) {
    const starts = RECORD_START.test(line);
    const word = starts ? LEVEL_WORD.exec(line.slice(0, 120)) : null;
    if (starts || records.length === 0) {
      records.push({ level: word ? normalise(word[1]) : null, text: line });
    } else {
      records[records.length - 1].text += `\n${line}`;
    }
  }
  return records;
}

/** Records at `min` or above; records without a recognisable level are always kept. */
export function filterByLevel(records: readonly LogRecord[], min: LogLevel): LogRecord[] {
  const floor = LOG_LEVELS.indexOf(min);
  return records.filter((r) => r.level == null || LOG_LEVELS.indexOf(r.level) >= floor);
}
