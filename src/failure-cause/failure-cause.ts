import { createHash } from 'node:crypto';
import { failureSignature } from './signature';

/** A failure's cause as the service stores and serves it (with each `subunit-stats` failure, in insight rows). */
export interface FailureCause {
  /** The masked signature (docs/formats.md, "Failure signatures"). */
  cause: string;
  /** The first 16 hex characters of the signature's SHA-256. */
  signature_id: string;
}

/** What a signature id looks like (signatureId's form, any case): a request's id is checked with it. */
export const SIGNATURE_ID = /^[0-9a-f]{16}$/i;

/**
 * Signatures whose ids were computed last: a run's failures share few causes, and a hash costs
 * more than the rest of a failure's bookkeeping.
 */
const recentIds = new Map<string, string>();
const MAX_RECENT_IDS = 1024;

/** The id of a signature: the first 16 hex characters of its SHA-256 (UTF-8). */
export function signatureId(signature: string): string {
  let id = recentIds.get(signature);
  if (id === undefined) {
    if (recentIds.size >= MAX_RECENT_IDS) recentIds.clear();
    // the first 8 bytes' hex, a string of its own (a slice of the whole digest's would keep it alive)
    id = createHash('sha256').update(signature, 'utf8').digest().toString('hex', 0, 8);
    recentIds.set(signature, id);
  }
  return id;
}

/**
 * The cause of a failed test from its stored attachments (StackViz's keys): the traceback, else
 * the reason. `testName` is StackViz's name of the test (its own names are masked).
 */
export function failureCauseOf(details: Readonly<Record<string, string | undefined>>, testName: string): FailureCause {
  const cause = failureSignature(details.traceback ?? details.reason ?? '', testName);
  return { cause, signature_id: signatureId(cause) };
}
