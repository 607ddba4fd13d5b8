import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { MAX_AMOUNT_CENTS } from './amount-limit';
import { germanAmount } from './german-format';

/**
 * Every `*Cents` field of a request: a whole number of cents within the limit. `min`
 * (0 or 1, usually) where the sign is a type rule; without it, zero and negative amounts
 * reach the service, which refuses them with its own code. `max` only to be stricter.
 */
export function IsAmountCents(options: { min?: number; max?: number } = {}): PropertyDecorator {
  const max = Math.min(options.max ?? MAX_AMOUNT_CENTS, MAX_AMOUNT_CENTS);
  const min = options.min ?? -MAX_AMOUNT_CENTS;
  return applyDecorators(
    ApiProperty({ type: 'integer', minimum: min, maximum: max }),
    IsInt(),
    Min(min),
    Max(max, { message: ({ property }) => `${property} must be ${germanAmount(max)} or less` }),
  );
}
