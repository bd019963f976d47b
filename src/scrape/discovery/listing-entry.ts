/** One row of a directory listing: `href` is as written in the page, relative to it. */
export interface ListingEntry {
  name: string;
  isDir: boolean;
  href: string;
}

/** Each icon's alt text with the first link after it (an Apache or Swift listing row). */
const ROW = /<img\b[^>]*?\balt="([^"]*)"[^>]*>(?:(?!<img\b)[\s\S])*?<a\b[^>]*?\bhref="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi;

export interface ListingRow {
  alt: string;
  href: string;
  text: string;
}

export function listingRows(html: string): ListingRow[] {
  return [...html.matchAll(ROW)].map((m) => ({ alt: m[1], href: decodeEntities(m[2]), text: decodeEntities(stripTags(m[3])).trim() }));
}

/** True for a link to something inside the listed folder (not a parent, sort link or other site). */
export function isChildHref(href: string): boolean {
  return !(
    href === '' ||
    href.startsWith('/') ||
    href.startsWith('?') ||
    href.startsWith('#') ||
    href.startsWith('..') ||
    /^[a-z][a-z0-9+.-]*:/i.test(href)
  );
}

/** The decoded name of a link's target, without a trailing slash. */
export function hrefName(href: string): string {
  const path = href.split(/[?#]/)[0].replace(/\/+$/, '');
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, '');
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
