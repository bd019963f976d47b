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

/**
 * Applied in this order: a request id before the uuid in it, full dates before a bare clock, a
 * temporary path before the numbers in it, addresses before hex runs and numbers.
 */
const RULES: [RegExp, (match: string) => string][] = [
  [new RegExp(String.raw`\breq-${UUID}\b`, 'gi'), () => '<request-id>'],
  [new RegExp(String.raw`\b${UUID}\b`, 'gi'), () => '<uuid>'],
  // base64 with its padding (LUCI Analysis' rule, the padding ending the token), or a long unpadded
  // run mixing upper and lower case and digits (tokens; identifiers that long rarely mix all three)
  [/(?<![\w+/])[A-Za-z0-9+/]{10,}={1,2}(?![\w=])/g, () => '<base64>'],
  [/(?<![\w+/-])(?=[\w+/-]*[A-Z])(?=[\w+/-]*[a-z])(?=[\w+/-]*\d)[A-Za-z0-9+/_-]{40,}(?![\w+/-])/g, () => '<base64>'],
  // ISO 8601 (2024-02-13, 2024-02-13T23:39:24.123+00:00), then RFC 1123 and date(1)'s C and 12-hour forms
  [/\b\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?(?![\w])/g, () => '<time>'],
  [
    new RegExp(
      String.raw`\b${WEEKDAY},? (?:\d\d? ${MONTH}|${MONTH} +\d\d?)(?: \d{4})? ${CLOCK}(?: [A-Z]{2,5}| [+-]\d{4})?(?: \d{4})?\b`,
      'g',
    ),
    () => '<time>',
  ],
  // a temporary file keeps its name, its directory is masked: /tmp/tmpk2x9_a1b/etc/nova.conf → <tmp>/nova.conf
  [/(?<![\w.])(?:\/private)?\/(?:var\/tmp|tmp|dev\/shm)\/(?:[^\s'"`,;()[\]{}<>]*\/)?/g, () => '<tmp>/'],
  // Python's tempfile names (tmp + 8 of [a-z0-9_]) and mktemp's (tmp.XXXXXXXXXX) anywhere else
  [/\btmp(?:\.[A-Za-z0-9]{6,}|[a-z0-9_]{8})\b/g, () => '<tmp>'],
  [/\[[0-9a-f:.]*:[0-9a-f:.]*\](?::\d{1,5})?/gi, ipv6],
  [/\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g, () => '<ip>'],
  [/(?<![\w:<])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi, ipv6],
  [new RegExp(String.raw`\b${CLOCK}(?![\w:])`, 'g'), () => '<time>'],
  [/\b0x[0-9a-f]+\b/gi, () => '<hex>'],
  // a hex run of 8 or more with a digit and a letter in it (so a word like "deadbeef" stays)
  [/(?<![0-9a-f])(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}(?![0-9a-f])/gi, () => '<hex>'],
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The test's own names (testNameForms) as `<test>`; a dotted or `Class:method` run of them as one `<test>`. */
function maskTestName(text: string, testId: string): string {
  let out = text;
  for (const form of testNameForms(testId)) out = out.replace(new RegExp(`(?<![\\w])${escapeRegExp(form)}(?![\\w])`, 'g'), '<test>');
  return out.replace(/<test>(?:[.:]<test>)+/g, '<test>');
}

/**
 * One line of a failure's cause with its variable parts masked (the rules above, then numbers but
 * HTTP statuses and errnos), runs of whitespace made one space. `testId`: the failing test, whose
 * own names become `<test>`; none for a pasted line.
 */
export function maskLine(line: string, testId = ''): string {
  let out = maskTestName(line, testId);
  for (const [re, replace] of RULES) out = out.replace(re, replace);
  out = out.replace(NUMBER, (m, offset: number, all: string) =>
    keptNumber(m, all.slice(Math.max(0, offset - 24), offset), all.slice(offset + m.length, offset + m.length + 32)) ? m : '<n>',
  );
  return out.replace(/\s+/g, ' ').trim();
}
