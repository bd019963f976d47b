// Pure string code: also bundled into the web UI.
import { ConsoleFormat, ConsoleLog } from './console-log';
import { ConsoleSectionBuilder } from './console-sections';

export type { ConsoleFormat, ConsoleLog, ConsoleScript } from './console-log';
export { ConsoleSectionBuilder } from './console-sections';

/** `console.html` is Jenkins', `job-output.txt` Zuul's; otherwise HTML content means Jenkins. */
export function detectConsoleFormat(fileName: string, head: string): ConsoleFormat {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.html') || name.endsWith('.htm')) return 'jenkins';
  if (name.endsWith('job-output.txt')) return 'zuul';
  return /^\s*<|<pre\b/i.test(head.slice(0, 4096)) ? 'jenkins' : 'zuul';
}

/** The job's result: CI's when known (`jobResult`), else what the log said, else null. */
export function consoleStatus(jobResult: string | null | undefined, builder: ConsoleSectionBuilder): string | null {
  return jobResult || builder.finishedResult;
}

/** Splits a whole console log (Zuul `job-output.txt` or Jenkins `console.html`) into sections. */
export function parseConsole(text: string, fileName: string, jobResult?: string | null): ConsoleLog {
  const format = detectConsoleFormat(fileName, text);
  const builder = new ConsoleSectionBuilder(format, jobResult ?? null);
  const scripts = [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) scripts.push(...builder.pushLine(line));
  scripts.push(...builder.finish());
  return { format, scripts, status: consoleStatus(jobResult, builder), remaining: null };
}
