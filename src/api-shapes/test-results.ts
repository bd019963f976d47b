/**
 * The test-result artifacts (`subunit`, `subunit-stats`, `subunit-details`) as stored and served by
 * `GET /blob` (docs/formats.md, "Test results"). The scrape writes them; a task that imported an
 * existing StackViz site stores that site's own files, which may leave out the fields marked so.
 */

/** One element of the `subunit` artifact. */
export interface StackVizTest {
  /** StackViz's cleaned name. */
  name: string;
  /** The raw test id, `name` before cleaning (absent from StackViz's own exports). */
  id?: string;
  /** subunit's: `success`, `fail`, `skip`, `xfail`, `uxsuccess`, `exists`, `inprogress`. */
  status: string;
  tags: string[];
  /** ISO 8601 UTC start and end, null when the report gave none. */
  timestamps: [string | null, string | null];
  /** Seconds; null when the stream gave the test no timestamp. */
  duration: number | null;
  /** Empty in ours (the attachments are in `subunit-details`). */
  details?: Record<string, string>;
}

/** A failed test in `subunit-stats`. */
export interface StackVizFailure {
  name: string;
  duration: number | null;
  /** The traceback's last line (two when the last is a testtools `Details` line); a string in some exports. */
  details: string[] | string | null;
  /** The service's masked signature of the failure (docs/formats.md, "Failure signatures"): absent from StackViz's exports and tasks stored before. */
  cause?: string;
  /** The first 16 hex characters of the signature's SHA-256, beside `cause`. */
  signature_id?: string;
}

/** A skipped test in `subunit-stats`. */
export interface StackVizSkip {
  name: string;
  duration: number | null;
  /** The skip reason. */
  details: string[] | string | null;
}

/** The `subunit-stats` artifact. */
export interface StackVizStats {
  count: number;
  start: string | null;
  end: string | null;
  total_duration: number;
  failures: StackVizFailure[];
  skips: StackVizSkip[];
}

/** The `subunit-details` artifact: each test's attachments (traceback, pythonlogging, reason, stdout, stderr, …) by its name. */
export type DetailsByName = Record<string, Record<string, string>>;
