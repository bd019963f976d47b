import { createHash } from 'node:crypto';
import { fullCollection } from '../../../src/common/full-collection';
import { ownString } from '../../../src/common/own-string';
import { signatureId } from '../../../src/failure-cause/failure-cause';

/** Heap bytes still used by what `keep` returns from 40 parents of 1 MiB, once they are dropped. */
function retainedBy(keep: (parent: string) => string): { bytes: number; kept: string[] } {
  fullCollection();
  const before = process.memoryUsage().heapUsed;
  const kept = Array.from({ length: 40 }, (_, i) => keep(`${String(i).padStart(8, '0')}${'x'.repeat(1024 * 1024)}`));
  fullCollection();
  return { bytes: process.memoryUsage().heapUsed - before, kept };
}

describe('ownString', () => {
  it('gives the same text', () => {
    for (const text of ['', 'a', 'tempest.api.compute.test_x', 'quote " backslash \\ \u2028 ü 😀']) expect(ownString(text)).toBe(text);
  });

  it('keeps no parent alive, where a slice keeps it whole', () => {
    const sliced = retainedBy((parent) => parent.slice(0, 20));
    const owned = retainedBy((parent) => ownString(parent.slice(0, 20)));
    expect(sliced.bytes).toBeGreaterThan(30 * 1024 * 1024);
    expect(owned.bytes).toBeLessThan(5 * 1024 * 1024);
    expect(owned.kept).toEqual(sliced.kept);
  });
});

describe('signatureId', () => {
  it('is the first 16 hex characters of the signature’s SHA-256, in UTF-8', () => {
    const signature = 'AssertionError: généré <n>';
    expect(signatureId(signature)).toBe(createHash('sha256').update(Buffer.from(signature, 'utf8')).digest('hex').slice(0, 16));
  });
});
