import { Transform } from 'class-transformer';
import { registerDecorator, ValidationOptions } from 'class-validator';
import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { isValidCreditorId } from './creditor-id';

function rule(name: string, message: string, test: (value: string) => boolean) {
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `${String(propertyName)} ${message}`, ...options },
        validator: { validate: (value: unknown) => typeof value === 'string' && test(value) },
      });
}

/** Spaces and lower case are accepted on input and removed (IBAN electronic format). */
export const NormaliseBankCode = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? (electronicFormatIBAN(value) ?? value.replace(/\s+/g, '').toUpperCase())
      : value,
  );

export const IsIban = rule('isIban', 'must be a valid IBAN (check digits included)', (v) =>
  isValidIBAN(v),
);
export const IsBic = rule('isBic', 'must be a valid BIC', (v) => isValidBIC(v));
export const IsCreditorId = rule(
  'isCreditorId',
  'must be a valid SEPA creditor identifier (e.g. DE98ZZZ09999999999)',
  isValidCreditorId,
);
