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

/** A third-party CI's own Zuul: its build pages are listed, never resolved. */
export const BAR_ZUUL = 'https://zuul.bar.example';
export const BAR_BUILDSET = '0e1f2a3b4c5d46e7f8a9b0c1d2e3f4a5';
export const BAR_BUILD = '1f2a3b4c5d6e47f8a9b0c1d2e3f4a5b6';

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

/** A deterministic hex string (FNV-1a over the seed), for shas and build uuids. */
export function hexOf(seed: string, length = 40): string {
  let h = 2166136261;
  let out = '';
  while (out.length < length) {
    for (const c of seed + out.length) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}
