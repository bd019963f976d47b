/**
 * What a failure is "about": the final exception of its traceback with the parts that change from one
 * run (or one test) to the next masked, so "Server 3f1c… failed to reach ACTIVE status … (196 s)"
 * and "Server 9a0b… … (300 s)" are one cause. Pure: the summary groups failures by it.
 */

/** Lines of a traceback, trailing blanks dropped, CRs gone. */
function linesOf(traceback: string): string[] {
  const lines = traceback.replace(/\r/g, '').split('\n');
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines;
}

const FRAME = /^\s+File "/;
const TRACEBACK_HEADER = /^(Traceback \(most recent call last\)|\+ Exception Group Traceback)/;
const CHAIN_NOTE = /^(During handling of the above exception|The above exception was the direct cause)/;
/** Python 3.11+ renders an exception group's tracebacks behind `| ` bars, sub-exceptions between `+---- n ----` rules. */
const GROUP_HEADER = /^\s*\+ Exception Group Traceback/m;
const GROUP_RULE = /^\s*\+[-+]*-{3,}/;
const GROUP_BAR = /^\s*\| ?(.*)$/;
/** At most this much of an exception's text makes its signature (some messages carry whole API bodies). */
const MAX_LINES = 6;
const MAX_LINE_CHARS = 400;

/**
 * The final exception's text: what follows the last frame of a plain traceback (type line and any
 * continuation lines, e.g. tempest's `Details:` or testtools' `reference = …`). For an exception group,
 * the group's own line followed by its sub-exceptions' lines. Without frames: the last non-blank line.
 */
export function exceptionText(traceback: string): string[] {
  const lines = linesOf(traceback);
  if (GROUP_HEADER.test(traceback)) return groupExceptionLines(lines);
  let last = -1;
  lines.forEach((l, i) => FRAME.test(l) && (last = i));
  if (last < 0) return lines.length ? [lines[lines.length - 1].trim()] : [];
  let i = last + 1;
  while (i < lines.length && /^\s/.test(lines[i])) i++; // the frame's source line and ^^^ markers
  const text = lines.slice(i).filter((l) => l.trim() !== '');
  return text.length ? text : [lines[lines.length - 1].trim()];
}

function groupExceptionLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (GROUP_RULE.test(line) || GROUP_HEADER.test(line)) continue;
    const bar = GROUP_BAR.exec(line);
    const content = bar ? bar[1] : line;
    if (content === '' || /^\s/.test(content) || TRACEBACK_HEADER.test(content) || CHAIN_NOTE.test(content)) continue;
    out.push(content);
  }
  return out;
}

const MASKS: [RegExp, string][] = [
  // 2024-02-13T23:39:24.123456+00:00, 2024-02-13 23:39:24, 23:39:24.123
  [/\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?/g, '<time>'],
  [/\b\d\d:\d\d:\d\d(?:[.,]\d+)?\b/g, '<time>'],
  [/\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g, '<ip>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  // Commit and object ids: 7+ hex characters with at least one digit and one letter.
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, '<hex>'],
];

/** IPv6: two or more colons between hex groups, with `::` or at least 4 groups (so `a:b:c` in text stays). */
const IPV6 = /(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![\w:])/gi;
/** Numbers that are the cause, not noise: HTTP statuses and errnos stay. */
const KEPT_NUMBER_BEFORE = /(?:HTTP |Errno |status code |status_code[=:] ?)$/i;
const NUMBER = /(?<![\w.<])\d+(?:\.\d+)?(?![\w>])/g;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A test id without its `[tags]`, a class fixture's `setUpClass (a.b.C)` as `a.b.C.setUpClass`. */
export function bareTestId(testId: string): string {
  return testId.replace(/\[.*\]$/, '').replace(/^(setUpClass|tearDownClass) \((.+)\)$/, '$2.$1');
}

/** The class and method names of a test id, which tempest and others repeat in their messages. */
function testNameParts(testId: string): string[] {
  const parts = bareTestId(testId).split('.');
  return parts.slice(-2).filter((p) => p.length >= 4 && !/^(setUpClass|tearDownClass)$/.test(p));
}

/**
 * Masks what varies between occurrences of one cause: times, uuids (also `req-<uuid>`), IPv4/IPv6
 * addresses, hex ids, numbers (except HTTP statuses and errnos) and the test's own class and method
 * names; collapses whitespace.
 */
export function maskVolatile(text: string, testId = ''): string {
  let out = text;
  for (const part of testNameParts(testId)) out = out.replace(new RegExp(`\\b${escapeRegExp(part)}\\b`, 'g'), '<test>');
  for (const [re, placeholder] of MASKS) out = out.replace(re, placeholder);
  out = out.replace(IPV6, (m) => (m.includes('::') || m.split(':').length >= 5 ? '<ip>' : m));
  out = out.replace(NUMBER, (m, offset: number, all: string) =>
    KEPT_NUMBER_BEFORE.test(all.slice(Math.max(0, offset - 16), offset)) ? m : '<n>',
  );
  return out.replace(/\s+/g, ' ').trim();
}

/**
 * The cause of a failure: its final exception text (at most MAX_LINES lines), masked. Identical
 * lines of an exception group's sub-exceptions count once, so 3 identical errors and 4 are one cause.
 */
export function failureSignature(traceback: string, testId = ''): string {
  const masked = exceptionText(traceback)
    .slice(0, MAX_LINES * 8)
    .map((l) => maskVolatile(l.slice(0, MAX_LINE_CHARS), testId).replace(/\(<n> sub-exceptions?\)/, '(<n> sub-exceptions)'))
    .filter((l) => l !== '');
  return [...new Set(masked)].slice(0, MAX_LINES).join('\n');
}
