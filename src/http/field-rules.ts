import { registerDecorator, ValidationArguments } from 'class-validator';
import { EXAMPLE_TASK_UUID } from './openapi-examples';

/**
 * One validation rule per request field, each giving one clear sentence for whatever is wrong
 * (missing, wrong type, too long, wrong form), so a bad body never answers with a pile of
 * class-validator's stacked defaults ("url must be shorter than or equal to 2048 characters; url
 * must be an URL address"). The validation pipe joins the sentences of several fields with "; ".
 *
 * A check returns null when the value is fine, else the rest of the sentence after the field name.
 */
export type FieldCheck = (value: unknown) => string | null;

export function fieldRule(check: FieldCheck): PropertyDecorator {
  return (target, propertyName) => {
    registerDecorator({
      name: 'fieldRule',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => check(value) === null,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} ${check(args?.value)}`,
      },
    });
  };
}

const isMissing = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export interface RequiredTextOptions {
  /** What is expected, for the messages, e.g. "a task uuid such as …". */
  what: string;
  maxLength?: number;
  /** The accepted types, for the wrong-type message (default "a string"). */
  types?: string;
  /** The value's form, checked last. */
  form?: (value: string) => boolean;
}

/** A string the client must send; blank counts as missing. */
export function requiredText({ what, maxLength, types = 'a string', form }: RequiredTextOptions): FieldCheck {
  return (value) => {
    if (isMissing(value)) return `is required: ${what}`;
    if (typeof value !== 'string') return `must be ${types}: ${what}`;
    if (maxLength !== undefined && value.length > maxLength) return `must be at most ${maxLength} characters`;
    if (form && !form(value)) return `must be ${what}`;
    return null;
  };
}

/** A string the client may leave out or send as null. */
export function optionalText(maxLength: number): FieldCheck {
  return (value) => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') return 'must be a string or null';
    return value.length > maxLength ? `must be at most ${maxLength} characters` : null;
  };
}

/** A whole number the client may leave out or send as null, within [min, max]. */
export function optionalWholeNumber(min = 0, max = Number.MAX_SAFE_INTEGER): FieldCheck {
  return (value) => {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return 'must be a whole number or null';
    return value < min || value > max ? `must be between ${min} and ${max}` : null;
  };
}

/** A query string's whole number, which the client may leave out: digits only, within [min, max]. */
export function optionalWholeNumberText(min = 0, max = Number.MAX_SAFE_INTEGER): FieldCheck {
  return (value) => {
    if (value === undefined) return null;
    const n = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : NaN;
    return Number.isSafeInteger(n) && n >= min && n <= max ? null : `must be a whole number from ${min} to ${max}`;
  };
}

/** A finite number the client may leave out or send as null. */
export function optionalNumber(): FieldCheck {
  return (value) =>
    value === undefined || value === null || (typeof value === 'number' && Number.isFinite(value)) ? null : 'must be a number or null';
}

/** true or false, or left out (null counts as left out). */
export function optionalBoolean(): FieldCheck {
  return (value) => (value === undefined || value === null || typeof value === 'boolean' ? null : 'must be true or false');
}

/** A uuid of any version or case. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A uuid the client must send (after trimming); `what` names it, e.g. "a task uuid"; `sentAs`, when
 * the field has other names, says which, e.g. " (sent as q, uuid or id)".
 */
export function requiredUuid(what: string, sentAs = ''): FieldCheck {
  return requiredText({ what: `${what} such as ${EXAMPLE_TASK_UUID}${sentAs}`, form: (v) => UUID.test(v.trim()) });
}

/** An absolute http(s) URL with a host and no user name or password, as the WHATWG parser reads it. */
export function isHttpUrl(value: string): boolean {
  let u: URL;
  try {
    u = new URL(value.trim());
  } catch {
    return false;
  }
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && u.username === '' && u.password === '';
}
