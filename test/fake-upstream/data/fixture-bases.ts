/** Where the fixture data points; the fakes listen on random ports, so builders take these. */
export interface FixtureBases {
  /** LEGACY_LOGS_URL of the app under test (the old logs.openstack.org layout). */
  legacyLogsUrl: string;
  /** A modern log-storage origin on ARTIFACT_HOSTS (where Zuul's log_url points). */
  artifactUrl: string;
  /** ZUUL_URL of the app under test (build pages in Zuul's comments). */
  zuulUrl: string;
}

/** A third-party CI's own log server: listed, never fetched. */
export const THIRD_PARTY_LOGS = 'http://ci.foo.example/logs';

/** Zuul's elapsed-time format: `1h 52m 10s`, `58m 02s`, `45s`. */
export function elapsed(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h ${pad(m)}m ${pad(s % 60)}s`;
  if (m > 0) return `${m}m ${pad(s % 60)}s`;
  return `${s % 60}s`;
}
