/** A test status as a coloured label (success green, fail crimson, skip blue). */
export function StatusBadge({ status }: { status: string }) {
  return <span class={`status st-${status}`}>{status}</span>;
}

/**
 * Canvas colours matching the CSS classes above. Each carries the badge's white text at 4.5:1 or
 * more (WCAG AA), so a lighter amber or orange would not do.
 */
export const STATUS_COLOURS: Record<string, string> = {
  success: '#2e8540',
  fail: '#dc143c',
  skip: '#1f6feb',
  xfail: '#8250df',
  uxsuccess: '#bc4c00',
  inprogress: '#8a6d00',
  exists: '#6e7781',
};

export const statusColour = (status: string) => STATUS_COLOURS[status] ?? '#6e7781';
