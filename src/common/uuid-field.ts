import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { fieldRule, requiredUuid } from '../http/field-rules';
import { EXAMPLE_TASK_UUID } from '../http/openapi-examples';

/**
 * A request field holding a uuid (any version or case, surrounding spaces ignored); `kind` names it
 * in the error, e.g. "q must be a task uuid such as …".
 */
export function UuidField(kind: string, description: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, example: EXAMPLE_TASK_UUID }),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    fieldRule(requiredUuid(kind)),
  );
}
