import { hrefName, isChildHref, ListingEntry, listingRows } from './listing-entry';

/**
 * Apache mod_autoindex (legacy logs.openstack.org): every row has an icon whose alt is `[DIR]`,
 * `[TXT]`, `[   ]`, `[PARENTDIR]`…, then a link. Directories are the `[DIR]` rows.
 */
export function isAutoindex(html: string): boolean {
  const alts = listingRows(html).map((r) => r.alt);
  return alts.some((alt) => /^\[(DIR|PARENTDIR)\]$/.test(alt)) || (alts.length > 0 && alts.every((alt) => /^\[[A-Z ]{2,}\]$/.test(alt)));
}

export function parseAutoindex(html: string): ListingEntry[] {
  return listingRows(html)
    .filter((row) => row.alt !== '[PARENTDIR]' && row.text !== 'Parent Directory' && isChildHref(row.href))
    .map((row) => ({ name: hrefName(row.href), isDir: row.alt === '[DIR]' || row.href.endsWith('/'), href: row.href }))
    .filter((entry) => entry.name !== '' && !entry.name.includes('/'));
}
