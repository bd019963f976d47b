import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * Whether a request may write failure rules: `Authorization: Bearer <ADMIN_TOKEN>`. With no token
 * configured every write is refused (403); without the header, 401; with another token, 403. The
 * tokens are compared as SHA-256 digests in constant time (equal lengths whatever was sent), and
 * neither appears in any message.
 */
export function checkAdminToken(configured: string | null, authorization: string | undefined): void {
  if (!configured) throw new ForbiddenException('failure rules cannot be changed here: the service has no ADMIN_TOKEN set');
  const given = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '')?.[1];
  if (!given) throw new UnauthorizedException('changing failure rules needs the header Authorization: Bearer <ADMIN_TOKEN>');
  if (!timingSafeEqual(digest(given.trim()), digest(configured)))
    throw new ForbiddenException('the admin token given is not the one this service has');
}
