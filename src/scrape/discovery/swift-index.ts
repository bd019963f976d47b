import { hrefName, isChildHref, ListingEntry, listingRows } from './listing-entry';

/**
 * The index.html that zuul-jobs' log upload writes into every Swift folder: every icon has
 * alt="[ ]"; folders are linked as `name/` (or `name/index.html` when index links are on).
 */
export function isSwiftIndex(html: string): boolean {
  const alts = listingRows(html).map((r) => r.alt);
  return alts.length > 0 && alts.every((alt) => alt === '[ ]');
}

export function parseSwiftIndex(html: string): ListingEntry[] {
  return listingRows(html)
    .filter((row) => isChildHref(row.href))
    .map((row) => {
      const folderIndex = row.href.endsWith('/index.html') && row.text.endsWith('/');
      const isDir = folderIndex || row.href.endsWith('/');
      const name = hrefName(folderIndex ? row.href.slice(0, -'index.html'.length) : row.href);
      return { name, isDir, href: row.href };
    })
    .filter((entry) => entry.name !== '' && !entry.name.includes('/'));
}
