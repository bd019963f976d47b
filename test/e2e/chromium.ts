import type { Page } from 'playwright-core';

/** Debian's Chromium, headless, with nothing that phones home: for the browser tests. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The page's title, waiting (a few seconds at most) for it to become `expected`: a view sets its
 * title in an effect after it renders, so reading it at once races the render.
 */
export async function titleOnceSet(page: Page, expected: string): Promise<string> {
  await page.waitForFunction((t: string) => document.title === t, expected, { timeout: 5000 }).catch(() => undefined);
  return page.title();
}
