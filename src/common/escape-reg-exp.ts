/** `text` as a regular expression that matches it literally (browser-safe). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
