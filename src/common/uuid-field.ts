import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsUUID } from 'class-validator';

const EXAMPLE = 'f223e63b-6ac0-4236-9c1c-4dec769310aa';

/**
 * A request field holding a uuid (any version or case, surrounding spaces ignored). The error reads
 * "`field` must be `kind`, e.g. …", e.g. "q must be a task uuid, e.g. …".
 */
export function UuidField(field: string, kind: string, description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, example: EXAMPLE }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsUUID('all', { message: `${field} must be ${kind}, e.g. ${EXAMPLE}` }),
  );
}
