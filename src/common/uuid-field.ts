import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Expose, Transform } from 'class-transformer';
import { fieldRule, requiredUuid } from '../http/field-rules';
import { EXAMPLE_TASK_UUID } from '../http/openapi-examples';

const isGiven = (value: unknown) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');

/** The names besides q that the endpoints reading one uuid take it under, as their answers name it. */
export const UUID_ALIASES = ['uuid', 'id'] as const;

/**
 * A request field holding a uuid (any version or case, surrounding spaces ignored); `kind` names it
 * in the error, e.g. "q must be a task uuid such as …".
 *
 * `aliases` are other names a client may send the uuid under instead (the answers name a task's uuid
 * `uuid` or `id`, so `http post :5000/task id=…` is a natural thing to type): the field takes the
 * first of its own name and the aliases that holds a value.
 */
export function UuidField(kind: string, description: string, aliases: readonly string[] = []): PropertyDecorator {
  return (target, property) => {
    const names = [String(property), ...aliases];
    const sentAs = aliases.length ? ` (sent as ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]})` : '';
    applyDecorators(
      ApiProperty({
        description: aliases.length ? `${description}; required, unless sent as ${aliases.join(' or ')}` : description,
        example: EXAMPLE_TASK_UUID,
        required: aliases.length === 0,
      }),
      // Exposed so the transform also runs when only an alias was sent.
      Expose(),
      Transform(({ value, obj }: { value: unknown; obj: Record<string, unknown> }) => {
        const given = [value, ...aliases.map((a) => obj[a])].find(isGiven) ?? value;
        return typeof given === 'string' ? given.trim().toLowerCase() : given;
      }),
      fieldRule(requiredUuid(kind, sentAs)),
    )(target, property);
    for (const alias of aliases) {
      ApiPropertyOptional({ type: String, description: `the same as ${String(property)}`, example: EXAMPLE_TASK_UUID })(target, alias);
    }
  };
}
