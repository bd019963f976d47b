import { trustProxyWarning } from '../../../src/http/configure-http-app';

describe('trustProxyWarning', () => {
  it('warns when X-Forwarded-For is believed from whoever connects: true, or a number of hops', () => {
    expect(trustProxyWarning(true)).toMatch(
      /^TRUST_PROXY=true trusts X-Forwarded-For over every hop from whoever connects: safe only when/,
    );
    expect(trustProxyWarning(1)).toMatch(/^TRUST_PROXY=1 trusts X-Forwarded-For over 1 hop from whoever connects/);
    expect(trustProxyWarning(2)).toMatch(/over 2 hops .*set the proxies' addresses \(e\.g\. TRUST_PROXY=10\.0\.0\.0\/8\)/);
  });

  it('says nothing when no proxy is trusted, or only the proxies named', () => {
    expect(trustProxyWarning(false)).toBeNull();
    expect(trustProxyWarning(['127.0.0.1', '10.0.0.0/8'])).toBeNull();
  });
});
