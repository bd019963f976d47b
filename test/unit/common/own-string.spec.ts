import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { ownString } from '../../../src/common/own-string';
import { signatureId } from '../../../src/failure-cause/failure-cause';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Heap bytes still used by what `keep` returns from 40 parents of 1 MiB, once they are dropped:
 * measured in a process of its own, where no other test's garbage moves the heap between readings.
 */
function retainedBy(keep: 'slice' | 'own'): { bytes: number; kept: string[] } {
  const script = `
    const { fullCollection } = require('./src/common/full-collection');
    const { ownString } = require('./src/common/own-string');
    const keep = ${keep === 'own' ? '(parent) => ownString(parent.slice(0, 20))' : '(parent) => parent.slice(0, 20)'};
    fullCollection();
    const before = process.memoryUsage().heapUsed;
    const kept = Array.from({ length: 40 }, (_, i) => keep(String(i).padStart(8, '0') + 'x'.repeat(1024 * 1024)));
    fullCollection();
    process.stdout.write(JSON.stringify({ bytes: process.memoryUsage().heapUsed - before, kept }));`;
  return JSON.parse(execFileSync(process.execPath, ['-r', './scripts/register-ts.js', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as {
    bytes: number;
    kept: string[];
  };
}

describe('ownString', () => {
  it('gives the same text', () => {
    for (const text of ['', 'a', 'tempest.api.compute.test_x', 'quote " backslash \\ \u2028 ü 😀']) expect(ownString(text)).toBe(text);
  });

  it('keeps no parent alive, where a slice keeps it whole', () => {
    const sliced = retainedBy('slice');
    const owned = retainedBy('own');
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
