import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { cleanInput, cleanQuery, pathParameterError } from '../http/input-hygiene';
import { FieldError, validationFailed } from './domain-error';

/** Flattens class-validator's tree into `field.path` + rule + message. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule,
      message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * The one ValidationPipe of the API: unknown fields are errors, not silently dropped, and
 * every input first goes through the shared hygiene (`http/input-hygiene.ts`): text cleaned,
 * null only where declared nullable, no empty text, path ids and numbers checked.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'param' && metadata.data) {
      const error = pathParameterError(metadata.data, value, metadata.metatype);
      if (error) throw validationFailed([error]);
    }
    if (metadata.type === 'query' && !metadata.data && value && typeof value === 'object')
      value = cleanQuery(value as Record<string, unknown>);
    return super.transform(value, metadata);
  }

  protected override async validate(
    object: object,
    options?: ValidatorOptions,
  ): Promise<ValidationError[]> {
    const hygiene = cleanInput(object);
    const errors = await super.validate(object, options);
    // A field the DTO's own rules refused already needs no second message.
    const refused = flattenValidationErrors(errors).map((e) => e.field);
    const extra = hygiene
      .filter((e) => !refused.some((f) => e.field === f || e.field.startsWith(`${f}.`)))
      .map((e) => ({ property: e.field, constraints: { [e.rule]: e.message }, children: [] }));
    return [...errors, ...extra];
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
