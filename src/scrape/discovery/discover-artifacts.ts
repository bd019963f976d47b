import { ArtifactFetcher, SizeLimit } from '../../fetch/artifact-fetcher';
import { FetchError } from '../../fetch/fetch-error';
import { ArtifactRole, DiscoveredArtifact, LISTED_DIRS, probedArtifact, probePaths, resolve, selectArtifacts } from './artifact-rules';
import { isAutoindex, parseAutoindex } from './autoindex';
import { ListingEntry } from './listing-entry';
import { isSwiftIndex, parseSwiftIndex } from './swift-index';
import { ManifestRefused, MAX_MANIFEST_ENTRIES, parseZuulManifest } from './zuul-manifest';

export interface DiscoveryResult {
  method: 'manifest' | 'autoindex' | 'swift-index' | 'probe';
  artifacts: DiscoveredArtifact[];
  /** A manifest or listing that was over its limits and not used, and why (for the task's warnings). */
  warnings: string[];
}

/** Listings and manifests are small; a bigger one is not what we are looking for. */
const LISTING_LIMIT: SizeLimit = { bytes: 16 * 1024 * 1024, name: 'the limit for a manifest or listing' };
/** Files a listing walk collects at most, as for a manifest. */
const MAX_LISTED_FILES = MAX_MANIFEST_ENTRIES;
const PROBED_ROLES: ArtifactRole[] = ['subunit', 'junit', 'dstat', 'console', 'performance', 'memory-tracker', 'stackviz'];

type Listing = { kind: 'autoindex' | 'swift-index'; entries: ListingEntry[]; url: string };

/**
 * Finds a job's artifacts under its log URL: from zuul-manifest.json (modern builds), else an
 * Apache autoindex (legacy), else Swift's generated index.html, else by probing well-known paths.
 * Transient upstream failures and forbidden redirects propagate; a log tree that is entirely 404
 * is reported as expired. A manifest or listing over its limits (bytes, entries) is passed over for
 * the next way, with a warning.
 */
export async function discoverArtifacts(fetcher: ArtifactFetcher, logUrl: string): Promise<DiscoveryResult> {
  const base = logUrl.endsWith('/') ? logUrl : logUrl + '/';
  const misses = { notFound: 0, tried: 0 };
  const warnings: string[] = [];
  const attempt = async <T>(fn: () => Promise<T>): Promise<T | null> => {
    misses.tried++;
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof FetchError) || !['not-found', 'permanent', 'too-large'].includes(err.kind)) throw err;
      if (err.kind === 'not-found') misses.notFound++;
      if (err.kind === 'too-large') warnings.push(`${err.message}; not used`);
      return null;
    }
  };

  const manifest = await attempt(() => readManifest(fetcher, base + 'zuul-manifest.json'));
  if (manifest) return { method: 'manifest', artifacts: selectArtifacts(base, manifest), warnings };

  const root = (await attempt(() => readListing(fetcher, base))) ?? (await attempt(() => readListing(fetcher, base + 'index.html')));
  const listed = root && (await attempt(() => walkListings(fetcher, root, attempt)));
  if (root && listed) return { method: root.kind, artifacts: selectArtifacts(base, listed), warnings };

  const artifacts = await probe(fetcher, base);
  if (artifacts.length === 0 && misses.notFound === misses.tried) {
    throw new FetchError(
      `the logs at ${base} are gone (404): OpenDev expires build logs after some weeks, so this build can no longer be scraped`,
      'not-found',
      404,
    );
  }
  return { method: 'probe', artifacts, warnings };
}

async function readManifest(fetcher: ArtifactFetcher, url: string): Promise<string[]> {
  const { text } = await fetcher.text(url, LISTING_LIMIT);
  try {
    return parseZuulManifest(text);
  } catch (err) {
    if (err instanceof ManifestRefused) throw new FetchError(err.message, 'too-large');
    throw new FetchError(`${url} is not a Zuul manifest: ${(err as Error).message}`, 'permanent');
  }
}

async function readListing(fetcher: ArtifactFetcher, url: string): Promise<Listing> {
  const { text, finalUrl } = await fetcher.text(url, LISTING_LIMIT);
  if (isAutoindex(text)) return { kind: 'autoindex', entries: parseAutoindex(text), url: finalUrl };
  if (isSwiftIndex(text)) return { kind: 'swift-index', entries: parseSwiftIndex(text), url: finalUrl };
  throw new FetchError(`${url} is not a directory listing`, 'permanent');
}

/** The file paths of the root listing and of the LISTED_DIRS below it. */
async function walkListings(
  fetcher: ArtifactFetcher,
  root: Listing,
  attempt: <T>(fn: () => Promise<T>) => Promise<T | null>,
): Promise<string[]> {
  const files: string[] = [];
  const queue: { dir: string; listing: Listing }[] = [{ dir: '', listing: root }];
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { dir, listing } = next;
    for (const entry of listing.entries) {
      const path = dir + entry.name + (entry.isDir ? '/' : '');
      if (!entry.isDir && files.push(path) > MAX_LISTED_FILES) {
        throw new FetchError(`the listings under ${root.url} show more than ${MAX_LISTED_FILES} files`, 'too-large');
      }
      if (entry.isDir && LISTED_DIRS.includes(path)) {
        const sub = await attempt(() => readListing(fetcher, new URL(entry.href, listing.url).toString()));
        if (sub) queue.push({ dir: path, listing: sub });
      }
    }
  }
  return files;
}

/** Checks the well-known paths, roles in parallel, each role's candidates best first. */
async function probe(fetcher: ArtifactFetcher, base: string): Promise<DiscoveredArtifact[]> {
  const perRole = await Promise.all(
    PROBED_ROLES.map(async (role) => {
      for (const path of probePaths(role)) {
        if (await fetcher.exists(resolve(base, path))) return probedArtifact(role, base, path);
      }
      return null;
    }),
  );
  return perRole.filter((a): a is DiscoveredArtifact => a !== null);
}
