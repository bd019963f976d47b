import { RE2JS } from 're2js';

/** A rule's pattern is at most this long, text or regex. */
export const MAX_RULE_PATTERN_CHARS = 500;

/** A rule's test of a signature. */
export type SignatureTest = (signature: string) => boolean;

/** `/…/`: a regex; anything else: text. */
function regexSource(pattern: string): string | null {
  return pattern.length >= 2 && pattern.startsWith('/') && pattern.endsWith('/') ? pattern.slice(1, -1) : null;
}

/**
 * The test a rule's pattern makes: text is matched case-insensitively anywhere in a signature; a
 * `/regex/` is searched for with RE2 (re2js), which runs in time linear in the signature, so no
 * pattern can hang a process. Throws with one sentence saying what is wrong with the pattern.
 */
export function signatureTest(pattern: string): SignatureTest {
  if (pattern.trim() === '') throw new Error('pattern is required: text to find in signatures, or /regex/');
  if (pattern.length > MAX_RULE_PATTERN_CHARS) throw new Error(`pattern must be at most ${MAX_RULE_PATTERN_CHARS} characters`);
  const source = regexSource(pattern);
  if (source === null) {
    const text = pattern.toLowerCase();
    return (signature) => signature.toLowerCase().includes(text);
  }
  if (source === '') throw new Error('pattern /…/ needs a regex between its slashes');
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (err) {
    throw new Error(`pattern is not a regex RE2 accepts: ${(err as Error).message.split('\n')[0]}`);
  }
  return (signature) => re.test(signature);
}
