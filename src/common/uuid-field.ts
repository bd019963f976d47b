import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { fieldRule, requiredUuid } from '../http/field-rules';

/**
 * A request field holding a uuid (any version or case, surrounding spaces ignored); `kind` names it
 * in the error, e.g. "q must be a task uuid such as …".
 */
export function UuidField(kind: string, description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, example: 'f223e63b-6ac0-4236-9c1c-4dec769310aa' }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    fieldRule(requiredUuid(kind)),
  );
}
