import { DEFAULT_LINK_BASES, type LinkBases } from './logic/results';

/** Gerrit/Zuul bases for outbound links, written into index.html by the server (src/ui). */
export function linkBases(): LinkBases {
  // No document when rendered to a string (the component tests): OpenDev's bases.
  const content = typeof document === 'undefined' ? null : document.querySelector('meta[name="stackviz-links"]')?.getAttribute('content');
  if (!content) return DEFAULT_LINK_BASES;
  try {
    return { ...DEFAULT_LINK_BASES, ...(JSON.parse(content) as Partial<LinkBases>) };
  } catch {
    return DEFAULT_LINK_BASES;
  }
}
