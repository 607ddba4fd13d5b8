import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError, validationFailed } from './domain-error';
import { toProblem } from './problem.filter';

describe('toProblem', () => {
  it('maps a domain error to its status, code and details', () => {
    const problem = toProblem(
      new DomainError('FUND_INSUFFICIENT', 'Too little', { fundId: 'f1' }, 409),
      'e1',
    );
    expect(problem).toEqual({
      type: '/problems/fund-insufficient',
      title: 'Conflict',
      status: 409,
      code: 'FUND_INSUFFICIENT',
      detail: 'Too little',
      details: { fundId: 'f1' },
      errorId: 'e1',
    });
  });

  it('defaults unknown business codes to 422 and lists field errors', () => {
    expect(toProblem(new DomainError('PERIOD_CLOSED', 'Closed'), 'e').status).toBe(422);
    const problem = toProblem(
      validationFailed([{ field: 'iban', rule: 'isIban', message: 'bad' }]),
      'e',
    );
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ field: 'iban', rule: 'isIban', message: 'bad' }]);
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
