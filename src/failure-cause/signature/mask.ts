/**
 * The masking rules: what varies between two occurrences of one cause becomes a placeholder. Each
 * rule and its exceptions, with the reasons, are in docs/formats.md ("Failure signatures"). Pure and
 * browser-safe.
 */
import { testNameForms } from './test-name';

/** Every placeholder a signature may hold, so a view can show them as such. */
export const PLACEHOLDERS = ['<test>', '<request-id>', '<uuid>', '<base64>', '<time>', '<tmp>', '<ip>', '<hex>', '<n>'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const WEEKDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const CLOCK = String.raw`\d\d?:\d\d:\d\d(?:[.,]\d+)?(?: ?[AP]M)?`;
const UUID = '[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}';

/** An IPv6 address has `::` or at least 4 colons (so `a:b:c` in prose stays); MAC addresses are masked with them. */
const ipv6 = (m: string): string => (m.includes('::') || m.split(':').length >= 5 ? '<ip>' : m);

/** What a line must hold for a rule to apply at all: most need a digit (a uuid without one is left alone). */
const DIGIT = /\d/;
const PADDING = /=/;
const TMP = /tmp|shm/;
const COLON = /:/;

/**
 * Applied in this order: a request id before the uuid in it, full dates before a bare clock, a
 * temporary path before the numbers in it, addresses before hex runs and numbers. Each with what a
 * line must hold for it to apply (a cheap test first: this runs for every failure of a scrape).
 */
const RULES: [RegExp, (match: string) => string, RegExp][] = [
  [new RegExp(String.raw`\breq-${UUID}\b`, 'gi'), () => '<request-id>', DIGIT],
  [new RegExp(String.raw`\b${UUID}\b`, 'gi'), () => '<uuid>', DIGIT],
  // base64 with its padding (LUCI Analysis' rule, the padding ending the token), or a long unpadded
  // run mixing upper and lower case and digits (tokens; identifiers that long rarely mix all three)
  [/(?<![\w+/])[A-Za-z0-9+/]{10,}={1,2}(?![\w=])/g, () => '<base64>', PADDING],
  [/(?<![\w+/-])(?=[\w+/-]*[A-Z])(?=[\w+/-]*[a-z])(?=[\w+/-]*\d)[A-Za-z0-9+/_-]{40,}(?![\w+/-])/g, () => '<base64>', DIGIT],
  // ISO 8601 (2024-02-13, 2024-02-13T23:39:24.123+00:00), then RFC 1123 and date(1)'s C and 12-hour forms
  [/\b\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\w])/g, () => '<time>', DIGIT],
  [
    new RegExp(
      String.raw`\b${WEEKDAY},? (?:\d\d? ${MONTH}|${MONTH} +\d\d?)(?: \d{4})? ${CLOCK}(?: [A-Z]{2,5}| [+-]\d{4})?(?: \d{4})?\b`,
      'g',
    ),
    () => '<time>',
    DIGIT,
  ],
  // a temporary file keeps its name, its directory is masked: /tmp/tmpk2x9_a1b/etc/nova.conf → <tmp>/nova.conf
  [/(?<![\w.])(?:\/private)?\/(?:var\/tmp|tmp|dev\/shm)\/(?:[^\s'"`,;()[\]{}<>]*\/)?/g, () => '<tmp>/', TMP],
  // Python's tempfile names (tmp + 8 of [a-z0-9_]) and mktemp's (tmp.XXXXXXXXXX) anywhere else
  [/\btmp(?:\.[A-Za-z0-9]{6,}|[a-z0-9_]{8})\b/g, () => '<tmp>', TMP],
  [/\[[0-9a-f:.]*:[0-9a-f:.]*\](?::\d{1,5})?/gi, ipv6, COLON],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g, () => '<ip>', DIGIT],
  [/(?<![\w:<])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi, ipv6, COLON],
  [new RegExp(String.raw`\b${CLOCK}(?![\w:])`, 'g'), () => '<time>', DIGIT],
  [/\b0x[0-9a-f]+\b/gi, () => '<hex>', DIGIT],
  // a hex run of 8 or more with a digit and a letter in it (so a word like "deadbeef" stays)
  [/(?<![0-9a-f])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}(?![0-9a-f])/gi, () => '<hex>', DIGIT],
];

/** A number's own text, not part of a word or a placeholder (py311, test_02 and v2 stay). */
const NUMBER = /(?<![\w.<])\d+(?:\.\d+)*(?![\w>])/g;
/** Errnos tell causes apart: `[Errno 2]` (ENOENT) is not `[Errno 13]` (EACCES). */
const ERRNO_BEFORE = /(?:\bErrno |\berrno[ =:]+)$/i;
/** An HTTP status: 3 digits after HTTP, status or code, or before its reason phrase. */
const HTTP_STATUS = /^[1-5]\d\d$/;
const HTTP_STATUS_BEFORE = /(?:\bHTTP(?:\/\d(?:\.\d)?)?|\bstatus(?:[ _-]?code)?|\bresponse(?:[ _-]?code)?|\bcode)['"]?\s*[:=]?\s*$/i;
const HTTP_REASON_AFTER =
  /^ (?:OK|Created|Accepted|No Content|Moved Permanently|Found|Not Modified|Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|Not Acceptable|Request Timeout|Conflict|Gone|Request Entity Too Large|Payload Too Large|Unsupported Media Type|Unprocessable Entity|Too Many Requests|Internal Server Error|Not Implemented|Bad Gateway|Service Unavailable|Gateway Timeout)\b/i;

function keptNumber(number: string, before: string, after: string): boolean {
  if (ERRNO_BEFORE.test(before)) return true;
  return HTTP_STATUS.test(number) && (HTTP_STATUS_BEFORE.test(before) || HTTP_REASON_AFTER.test(after));
}

const WORD_CHAR = /\w/;

/** `text` with every whole-word occurrence of `name` (not inside a longer identifier) made `<test>`. */
function replaceName(text: string, name: string): string {
  let out = '';
  let from = 0;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const end = at + name.length;
    if (at < from || WORD_CHAR.test(text.charAt(at - 1)) || WORD_CHAR.test(text.charAt(end))) continue;
    out += text.slice(from, at) + '<test>';
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * The test's own names (`forms`: testNameForms) as `<test>`; a dotted or `Class:method` run of them
 * as one `<test>`. Plain searches, not a regex per name: this runs for every failure of a scrape.
 */
function maskTestName(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) out = replaceName(out, form);
  return out === text ? text : out.replace(/<test>(?:[.:]<test>)+/g, '<test>');
}

/**
 * One line of a failure's cause with its variable parts masked (the rules above, then numbers but
 * HTTP statuses and errnos), runs of whitespace made one space. `testId`: the failing test, whose
 * own names become `<test>`; none for a pasted line.
 */
export function maskLine(line: string, testId = ''): string {
  return lineMasker(testId)(line);
}

/** maskLine for one test, its names worked out once for all the lines of its failure. */
export function lineMasker(testId: string): (line: string) => string {
  const forms = testNameForms(testId);
  return (line) => {
    let out = maskTestName(line, forms);
    for (const [re, replace, needs] of RULES) if (needs.test(out)) out = out.replace(re, replace);
    if (DIGIT.test(out)) {
      out = out.replace(NUMBER, (m, offset: number, all: string) =>
        keptNumber(m, all.slice(Math.max(0, offset - 24), offset), all.slice(offset + m.length, offset + m.length + 32)) ? m : '<n>',
      );
    }
    return out.replace(/\s+/g, ' ').trim();
  };
}
