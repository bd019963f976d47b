/** RETENTION_DAYS, written into index.html by the server (src/ui); null when it did not say. */
export function retentionDays(): number | null {
  const n = Number(document.querySelector('meta[name="stackviz-retention-days"]')?.getAttribute('content'));
  return Number.isInteger(n) && n > 0 ? n : null;
}
