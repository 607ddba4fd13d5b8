import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, validationFailed } from './domain-error';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('maps a domain error to its status, code and details, in German by default', () => {
    const error = new DomainError(
      'FUND_INSUFFICIENT',
      'Too little',
      { availableCents: 500, requestedCents: 700 },
      409,
    );
    expect(toProblem(error, 'e1')).toEqual({
      type: '/problems/fund-insufficient',
      title: 'Fonds reicht nicht',
      status: 409,
      code: 'FUND_INSUFFICIENT',
      detail: 'Der Fonds hält 5,00 €, weniger als 7,00 €.',
      details: { availableCents: 500, requestedCents: 700 },
      errorId: 'e1',
    });
    expect(toProblem(error, 'e1', 'en')).toMatchObject({
      title: 'Fund insufficient',
      code: 'FUND_INSUFFICIENT',
      detail: 'Too little',
    });
  });

  it('defaults unknown business codes to 422 and lists field errors', () => {
    expect(toProblem(new DomainError('PERIOD_CLOSED', 'Closed'), 'e').status).toBe(422);
    const problem = toProblem(
      validationFailed([{ field: 'iban', rule: 'isIban', message: 'bad' }]),
      'e',
    );
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([
      {
        field: 'iban',
        rule: 'isIban',
        message: 'iban: muss eine gültige IBAN sein (mit Prüfziffern)',
      },
    ]);
  });

  it('maps framework exceptions and unique violations', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x'), 'e')).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(toProblem(new BadRequestException('x'), 'e').code).toBe('BAD_REQUEST');
    expect(toProblem(Object.assign(new Error('dup'), { code: '23505' }), 'e')).toMatchObject({
      status: 409,
      code: 'CONFLICT',
    });
  });

  it("answers what the database refused as the caller's error, registered rules first", () => {
    const outOfRange = Object.assign(new Error('value "2147483648" is out of range'), {
      code: '22003',
    });
    expect(toProblem(outOfRange, 'e')).toMatchObject({ status: 400, code: 'NUMBER_OUT_OF_RANGE' });
    const missing = Object.assign(new Error('null value'), { code: '23502', column: 'iban' });
    expect(toProblem(missing, 'e')).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'iban', rule: 'notNull' }],
    });
  });

  it('answers 500 without internals for anything else', () => {
    const problem = toProblem(new TypeError('secret stack detail'), 'e9');
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', errorId: 'e9' });
    expect(JSON.stringify(problem)).not.toMatch(/secret/);
  });
});
