/** A test status as a coloured label (success green, fail crimson, skip blue). */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`status st-${status}`}>{status}</span>;
}

/** Canvas colours matching the CSS classes above. */
export const STATUS_COLOURS: Record<string, string> = {
  success: '#2e8540',
  fail: '#dc143c',
  skip: '#1f6feb',
  xfail: '#8250df',
  uxsuccess: '#d4670b',
  inprogress: '#b7950b',
  exists: '#6e7781',
};

export const statusColour = (status: string) => STATUS_COLOURS[status] ?? '#6e7781';
