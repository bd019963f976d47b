import { GzipWriter, MAX_RESERVE } from '../gzip-writer';

/**
 * JSON written as UTF-8 straight into a GzipWriter's block (`reserve`), a byte at a time: the same
 * bytes as JSON.stringify's string encoded, without making that string. Building a test's JSON as
 * strings, joining and encoding them was most of what the scrape's encoder thread did.
 */

/** What JSON.stringify writes for each character below 0x80 that it escapes (quote, backslash, controls); undefined for the rest. */
const ESCAPES: (Buffer | undefined)[] = Array.from({ length: 0x80 }, (_, code) => {
  const json = JSON.stringify(String.fromCharCode(code));
  return json.length > 3 ? Buffer.from(json.slice(1, -1), 'latin1') : undefined;
});
/** 1 for the bytes written as they are: ASCII JSON.stringify keeps, and in UTF-8 every byte from 0x80. */
const KEPT_IN_LATIN1 = Uint8Array.from({ length: 0x100 }, (_, byte) => (byte < 0x80 && ESCAPES[byte] === undefined ? 1 : 0));
const KEPT_IN_UTF8 = Uint8Array.from({ length: 0x100 }, (_, byte) => (byte >= 0x80 || ESCAPES[byte] === undefined ? 1 : 0));
const QUOTE = 0x22;
/** Bytes JSON.stringify may make of one UTF-16 unit (`\u001f`, or an unpaired surrogate's `\udc00`) or of one byte read as Latin-1. */
const MAX_ESCAPED_BYTES = 6;
/** Input bytes whose escapes and two quotes surely fit in one reserve. */
const BYTES_PER_RESERVE = Math.floor((MAX_RESERVE - 2) / MAX_ESCAPED_BYTES);

function roomFor(bytes: number): number {
  return Math.min(MAX_RESERVE, bytes * MAX_ESCAPED_BYTES + 2);
}

/**
 * Writes `bytes` as a JSON string: JSON.stringify of their text, each byte read as a Latin-1
 * character or, when `utf8`, the bytes read as UTF-8 (they must be valid UTF-8: decoding would
 * replace what is not). Long texts are written a block's room at a time.
 */
export function appendBytesAsJson(out: GzipWriter, bytes: Uint8Array, utf8: boolean): void {
  const kept = utf8 ? KEPT_IN_UTF8 : KEPT_IN_LATIN1;
  let from = 0;
  let block = out.reserve(roomFor(bytes.length));
  let at = out.position;
  block[at++] = QUOTE;
  for (;;) {
    // as many bytes as surely fit in what was reserved, with the quotes
    const until = Math.min(bytes.length, from + BYTES_PER_RESERVE);
    for (let i = from; i < until; i++) {
      const byte = bytes[i];
      if (kept[byte] === 1) {
        block[at++] = byte;
      } else if (byte >= 0x80) {
        // a Latin-1 character's UTF-8
        block[at++] = 0xc0 | (byte >> 6);
        block[at++] = 0x80 | (byte & 0x3f);
      } else {
        const escape = ESCAPES[byte]!;
        for (let e = 0; e < escape.length; e++) block[at++] = escape[e];
      }
    }
    from = until;
    if (from === bytes.length) break;
    out.advanceTo(at);
    block = out.reserve(roomFor(bytes.length - from));
    at = out.position;
  }
  block[at++] = QUOTE;
  out.advanceTo(at);
}

/** Characters JSON.stringify escapes, and any past ASCII: text without any is written as it is. */
// eslint-disable-next-line no-control-regex -- control characters are what JSON escapes
const NOT_PLAIN = /["\\\u0000-\u001f\u0080-\uffff]/;

/** True when JSON.stringify writes `text` as it is, quoted, and it is ASCII. */
export function isPlainJson(text: string): boolean {
  return !NOT_PLAIN.test(text);
}

/** Writes `text` as JSON.stringify does; `plain`: isPlainJson(text), when the caller knows. */
export function appendJsonString(out: GzipWriter, text: string, plain?: boolean): void {
  const most = text.length * MAX_ESCAPED_BYTES + 2;
  if (most > MAX_RESERVE) {
    out.appendText(JSON.stringify(text));
    return;
  }
  const block = out.reserve(most);
  let at = out.position;
  if (plain ?? isPlainJson(text)) {
    block[at++] = QUOTE;
    at += block.write(text, at, 'latin1');
    block[at++] = QUOTE;
  } else {
    at += block.write(JSON.stringify(text), at, 'utf8');
  }
  out.advanceTo(at);
}

/** Writes `text`, JSON already (a number, `null`, a cached array), as UTF-8. */
export function appendRawJson(out: GzipWriter, text: string): void {
  const most = text.length * 3;
  if (most > MAX_RESERVE) {
    out.appendText(text);
    return;
  }
  const block = out.reserve(most);
  const start = out.position;
  let at = start;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) {
      at = start + block.write(text, start, 'utf8');
      break;
    }
    block[at++] = code;
  }
  out.advanceTo(at);
}
