import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { checkAdminToken } from '../../../src/failures/admin-token';
import { MAX_RULE_PATTERN_CHARS, signatureTest } from '../../../src/failures/rule-pattern';

const SIGNATURE = 'nova.exception.ClientException: Unexpected API Error. (HTTP 500) (Request-ID: <request-id>)';

describe('who may write failure rules', () => {
  it('nobody while ADMIN_TOKEN is unset (403), whatever is sent', () => {
    expect(() => checkAdminToken(null, 'Bearer anything')).toThrow(ForbiddenException);
    expect(() => checkAdminToken(null, undefined)).toThrow(ForbiddenException);
  });

  it('401 without the header or without a bearer token, 403 with another token, and the token is in no message', () => {
    expect(() => checkAdminToken('s3cret', undefined)).toThrow(UnauthorizedException);
    expect(() => checkAdminToken('s3cret', 'Basic czNjcmV0')).toThrow(UnauthorizedException);
    expect(() => checkAdminToken('s3cret', 'Bearer s3cre')).toThrow(ForbiddenException);
    expect(() => checkAdminToken('s3cret', 'Bearer s3cret-and-more')).toThrow(ForbiddenException);
    for (const header of [undefined, 'Bearer wrong']) {
      try {
        checkAdminToken('s3cret', header);
      } catch (err) {
        expect((err as Error).message).not.toContain('s3cret');
      }
    }
    expect(() => checkAdminToken('s3cret', 'Bearer s3cret')).not.toThrow();
    expect(() => checkAdminToken('s3cret', 'bearer  s3cret ')).not.toThrow();
  });
});

describe('a rule pattern', () => {
  it('as text matches case-insensitively anywhere', () => {
    expect(signatureTest('unexpected api error. (http 500)')(SIGNATURE)).toBe(true);
    expect(signatureTest('HTTP 404')(SIGNATURE)).toBe(false);
  });

  it('as /regex/ is searched with RE2', () => {
    expect(signatureTest('/ClientException: .*\\(HTTP 5\\d\\d\\)/')(SIGNATURE)).toBe(true);
    expect(signatureTest('/^Unexpected/')(SIGNATURE)).toBe(false);
  });

  it('runs in linear time: a pattern that backtracks exponentially in JavaScript answers at once', () => {
    const evil = signatureTest('/(a+)+$/');
    const started = Date.now();
    expect(evil(`${'a'.repeat(5000)}!`)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it.each([
    ['/(unclosed/', /^pattern is not a regex RE2 accepts: .*missing closing \)/],
    ['/a\\1/', /^pattern is not a regex RE2 accepts: .*invalid escape/],
    ['//', /^pattern \/…\/ needs a regex/],
    ['  ', /^pattern is required/],
    ['x'.repeat(MAX_RULE_PATTERN_CHARS + 1), /^pattern must be at most 500 characters$/],
  ])('refuses %s with one sentence', (pattern, message) => {
    expect(() => signatureTest(pattern)).toThrow(message);
  });
});
