/** Request bodies over this are 413: a /list or /scrape body is a few hundred bytes. */
export const BODY_LIMIT_BYTES = 64 * 1024;
