import { isIP } from 'node:net';

/** How a URL's host is on a HostList: named exactly (`host`, `host:port`), or under a `*.domain` entry. */
export type HostMatch = 'exact' | 'wildcard';

/**
 * A list of `host`, `host:port` and `*.domain` entries (GERRIT_HOSTS, ARTIFACT_HOSTS). An entry
 * without a port matches any port; `*.domain` matches any subdomain of domain (not domain itself),
 * and never an IP address: only an entry that names an address lets it through.
 */
export class HostList {
  private readonly entries: { host: string; port: string | null; wildcard: boolean }[];

  constructor(readonly raw: readonly string[]) {
    this.entries = raw.map((entry) => {
      const e = entry.trim().toLowerCase();
      const wildcard = e.startsWith('*.');
      const body = wildcard ? e.slice(2) : e;
      const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(body);
      if (!m) throw new Error(`bad host entry "${entry}"`);
      return { host: m[1], port: m[2] ?? null, wildcard };
    });
  }

  /** True when the URL's host (and port, where the entry names one) is on the list. */
  allowsUrl(url: URL | string): boolean {
    return this.match(url) !== null;
  }

  /** Whether the URL's host is on the list, and how: an exact entry wins over a wildcard one. */
  match(url: URL | string): HostMatch | null {
    const u = typeof url === 'string' ? new URL(url) : url;
    const host = u.hostname.toLowerCase();
    const port = u.port || (u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '');
    const isAddress = isIP(host.replace(/^\[|\]$/g, '')) !== 0;
    let found: HostMatch | null = null;
    for (const e of this.entries) {
      if (e.port !== null && e.port !== port) continue;
      if (!e.wildcard && host === e.host) return 'exact';
      if (e.wildcard && !isAddress && host.endsWith('.' + e.host)) found = 'wildcard';
    }
    return found;
  }

  toString(): string {
    return this.raw.join(',');
  }
}

/**
 * Why workers would not fetch from this URL's host (the words `/scrape` answers 400 with), or null
 * when ARTIFACT_HOSTS allows it.
 */
export function artifactHostRefusal(url: URL | string, artifactHosts: HostList): string | null {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (artifactHosts.allowsUrl(u)) return null;
  return `${u.host} is not a log server this service fetches from; allowed hosts (ARTIFACT_HOSTS): ${artifactHosts}`;
}
