/**
 * Where each artifact lives in OpenStack CI logs and which copy wins when several are found.
 *
 * Preference (first wins), the same for listings and for probing:
 * - subunit: `testrepository.subunit` before any other `*.subunit`; in the root, then `logs/`, then
 *   `controller/logs/`, then (listings only) any other folder, shallowest first.
 * - junit: JUnit XML reports, read only where there is no subunit stream. OpenDev's stestr jobs
 *   upload subunit; JUnit comes from pytest (`--junitxml`, usually named `test-results.xml` or
 *   `junit*.xml` in tox commands), nose's `nosetests.xml`, ansible-test (`junit/*.xml`), Ant and
 *   Maven (`TEST-*.xml`) and other tenants' jobs. So: `test-results.xml`, `junit.xml`,
 *   `nosetests.xml`, then any `*.xml` whose name says junit, xunit, test-results or starts
 *   `TEST-`; folders as for subunit.
 * - dstat: `dstat-csv_log.txt` before the pre-2016 `dstat-csv.txt`; `logs/` before `controller/logs/`.
 * - console: `job-output.txt` (Zuul v3+) before `console.html` (Jenkins); root only.
 * - performance: devstack's `performance.json` (tools/get-stats.py, since 2022), `controller/logs/` then `logs/`.
 * - memory-tracker: devstack's `screen-memory_tracker.txt` (the memory_tracker service's journal),
 *   `controller/logs/` then `logs/`.
 * - stackviz: a StackViz site already in the logs: `logs/stackviz/` before `controller/logs/stackviz/`,
 *   recognised by its `data/config.json` (what devstack's stackviz-export writes) or `config.json`;
 *   the discovered URL is that config file.
 * For every name the plain file comes before its `.gz` twin (both never exist in practice).
 */
export type ArtifactRole = 'subunit' | 'junit' | 'dstat' | 'console' | 'performance' | 'memory-tracker' | 'stackviz';

export interface DiscoveredArtifact {
  role: ArtifactRole;
  url: string;
  /** The file's name in the logs without `.gz` (e.g. `testrepository.subunit`); `stackviz` for a StackViz site. */
  name: string;
}

interface FileRule {
  role: Exclude<ArtifactRole, 'stackviz'>;
  names: string[];
  dirs: string[];
  /** Any other file name matching this also qualifies, after the named ones. */
  pattern?: RegExp;
  /** Also look in folders other than `dirs` (after them). */
  anyDir?: boolean;
}

const FILE_RULES: FileRule[] = [
  { role: 'subunit', names: ['testrepository.subunit'], dirs: ['', 'logs/', 'controller/logs/'], pattern: /\.subunit$/, anyDir: true },
  {
    role: 'junit',
    names: ['test-results.xml', 'junit.xml', 'nosetests.xml'],
    dirs: ['', 'logs/', 'controller/logs/'],
    // Ant and Surefire's upper-case `TEST-` only: `test-*.xml` is too common a name
    pattern: /^(?:.*(?:[Jj][Uu]nit|[Xx][Uu]nit|[Tt]est-?[Rr]esults?).*|TEST-.+)\.xml$/,
    anyDir: true,
  },
  { role: 'dstat', names: ['dstat-csv_log.txt', 'dstat-csv.txt'], dirs: ['logs/', 'controller/logs/'] },
  { role: 'console', names: ['job-output.txt', 'console.html'], dirs: [''] },
  { role: 'performance', names: ['performance.json'], dirs: ['controller/logs/', 'logs/'] },
  { role: 'memory-tracker', names: ['screen-memory_tracker.txt'], dirs: ['controller/logs/', 'logs/'] },
];

const STACKVIZ_DIRS = ['logs/stackviz/', 'controller/logs/stackviz/'];
const STACKVIZ_MARKERS = ['data/config.json', 'config.json'];

/** Folders a listing walk descends into (when the parent listing shows them). */
export const LISTED_DIRS: readonly string[] = [
  'logs/',
  'controller/',
  'controller/logs/',
  ...STACKVIZ_DIRS.flatMap((dir) => [dir, dir + 'data/']),
];

/** The artifacts to fetch, best one per role, from the file paths (relative to `baseUrl`) of a listing. */
export function selectArtifacts(baseUrl: string, listed: readonly string[]): DiscoveredArtifact[] {
  const files = listed.filter((path) => path.split('/').every(isSafePathSegment));
  const present = new Set(files);
  const found: DiscoveredArtifact[] = [];
  for (const rule of FILE_RULES) {
    const best = files
      .map((path) => ({ path, rank: rank(rule, path) }))
      .filter((c): c is { path: string; rank: number[] } => c.rank !== null)
      .sort((a, b) => compareRanks(a.rank, b.rank) || a.path.localeCompare(b.path))[0];
    if (best) found.push(artifact(rule.role, baseUrl, best.path));
  }
  const config = probePaths('stackviz').find((path) => present.has(path));
  if (config) found.push(probedArtifact('stackviz', baseUrl, config));
  return found;
}

/** The well-known paths to probe for a role, best first. */
export function probePaths(role: ArtifactRole): string[] {
  if (role === 'stackviz') return STACKVIZ_DIRS.flatMap((dir) => STACKVIZ_MARKERS.flatMap((m) => [dir + m, dir + m + '.gz']));
  const rule = FILE_RULES.find((r) => r.role === role)!;
  return rule.names.flatMap((name) => rule.dirs.flatMap((dir) => [dir + name, dir + name + '.gz']));
}

/** What a probe hit at `path` (one of probePaths(role)) stands for. */
export function probedArtifact(role: ArtifactRole, baseUrl: string, path: string): DiscoveredArtifact {
  if (role === 'stackviz') return { role, url: resolve(baseUrl, path), name: 'stackviz' };
  return artifact(role, baseUrl, path);
}

/** [name rank, folder rank, depth, .gz] — lower is better; null when the path does not qualify. */
function rank(rule: FileRule, path: string): number[] | null {
  const slash = path.lastIndexOf('/') + 1;
  const dir = path.slice(0, slash);
  const file = path.slice(slash);
  const gz = file.endsWith('.gz') ? 1 : 0;
  const name = gz ? file.slice(0, -3) : file;
  let nameRank = rule.names.indexOf(name);
  if (nameRank < 0 && rule.pattern?.test(name)) nameRank = rule.names.length;
  if (nameRank < 0) return null;
  let dirRank = rule.dirs.indexOf(dir);
  if (dirRank < 0 && rule.anyDir) dirRank = rule.dirs.length;
  if (dirRank < 0) return null;
  return [nameRank, dirRank, dir.split('/').length, gz];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function artifact(role: DiscoveredArtifact['role'], baseUrl: string, path: string): DiscoveredArtifact {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return { role, url: resolve(baseUrl, path), name: file.replace(/\.gz$/, '') };
}

/** One plain file or folder name: not empty, not `.` or `..`, no `/`, `\` or NUL. */
export function isSafePathSegment(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

/**
 * `path` ('/'-separated, unencoded; a trailing '/' for a folder) resolved against the log root.
 * Each segment is percent-encoded, so `?`, `#`, `:` or `%` in a name stay part of the name; a
 * segment that would climb or restart the path (`..`, `.`, an empty one) is refused, so whatever a
 * manifest or listing says, the URL stays inside the build's folder.
 */
export function resolve(baseUrl: string, path: string): string {
  const segments = path.split('/');
  const folder = segments[segments.length - 1] === '' && segments.length > 1;
  if (!segments.slice(0, folder ? -1 : undefined).every(isSafePathSegment)) {
    throw new Error(`"${path}" is not a path inside the build's log folder`);
  }
  const root = new URL(baseUrl).toString();
  const url = new URL(segments.map(encodeURIComponent).join('/'), root).toString();
  if (!url.startsWith(root)) throw new Error(`"${path}" is not a path inside the build's log folder`);
  return url;
}
