// Pure string code: also bundled into the web UI.
import { ConsoleFormat } from './console-log';

export interface ParsedConsoleLine {
  /** Microseconds since the epoch, when the line starts with a full timestamp (taken as UTC). */
  micros: number | null;
  /** The timestamp as written, null when the line has none. */
  date: string | null;
  /** The line's text after the timestamp and its `| `: where headers and results are recognised. */
  text: string;
}

const TIMESTAMPED = /^((\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?) \| ?(.*)$/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Splits `2024-02-13 23:39:24.123456 | text`; Jenkins lines are HTML: tags dropped, entities decoded. Null for pure markup. */
export function parseConsoleLine(raw: string, format: ConsoleFormat): ParsedConsoleLine | null {
  let display = raw;
  if (format === 'jenkins') {
    const stripped = raw.replace(/<(title|script|style)\b[^>]*>.*?<\/\1>/gi, '').replace(/<[^>]*>/g, '');
    if (stripped.trim() === '' && stripped !== raw) return null;
    display = decodeEntities(stripped);
  }
  const m = TIMESTAMPED.exec(display);
  if (!m) return { micros: null, date: null, text: display };
  const millis = Date.UTC(Number(m[2]), Number(m[3]) - 1, Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7]));
  return { micros: millis * 1000 + Number((m[8] ?? '0').padEnd(6, '0')), date: m[1], text: m[9] };
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}
