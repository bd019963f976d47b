const LOGS_GONE = / are gone \(404\)/;

/** Whether a scrape ended because the build's logs have expired (its log directory answers 404). */
export function logsGone(message: string | null): boolean {
  return message !== null && LOGS_GONE.test(message);
}

/**
 * A plain sentence for the errors a scrape ends with (docs/api.md, "POST /status"), beside the
 * service's own message, which names the URL and the details. Null for others.
 */
const IN_WORDS: [RegExp, string][] = [
  [
    /^no subunit or console artifact found under /,
    "The job's logs hold nothing this service reads: no test results (a subunit stream, a JUnit report or a StackViz site) and no job console (job-output.txt or console.html).",
  ],
  [LOGS_GONE, 'The logs have expired: log storage keeps a build’s logs for a few weeks only.'],
  [/not in ARTIFACT_HOSTS/, 'The logs are on a server this service does not fetch from.'],
];

export function scrapeFailureInWords(message: string | null): string | null {
  if (!message) return null;
  return IN_WORDS.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}
