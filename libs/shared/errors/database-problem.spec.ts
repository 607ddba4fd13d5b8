import { databaseProblem } from './database-problem';

describe('databaseProblem', () => {
  it('answers 400 for every data exception (class 22), naming the kind', () => {
    expect(
      databaseProblem({
        code: '22003',
        message: 'value "2147483648" is out of range for type integer',
      }),
    ).toMatchObject({ status: 400, code: 'NUMBER_OUT_OF_RANGE' });
    expect(
      databaseProblem({ code: '22008', message: 'date/time field value out of range' })?.code,
    ).toBe('DATE_INVALID');
    expect(
      databaseProblem({ code: '22021', message: 'invalid byte sequence for encoding "UTF8": 0x00' })
        ?.code,
    ).toBe('CHARACTER_INVALID');
    expect(databaseProblem({ code: '22012', message: 'division by zero' })).toMatchObject({
      status: 400,
      code: 'VALUE_INVALID',
    });
  });

  it('names the field of integrity violations (class 23) where Postgres tells it', () => {
    expect(databaseProblem({ code: '23502', column: 'account_length' })).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'accountLength', rule: 'notNull' }],
    });
    expect(
      databaseProblem({
        code: '23505',
        detail: 'Key (organisation_id, lower(name))=(x, y) already exists.',
      }),
    ).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      errors: [{ field: 'organisationId' }, { field: 'name' }],
    });
    expect(
      databaseProblem({
        code: '23503',
        detail: 'Key (donor_id)=(…) is not present in table "donors".',
      }),
    ).toMatchObject({
      status: 422,
      code: 'REFERENCE_NOT_FOUND',
      errors: [{ field: 'donorId', rule: 'exists' }],
    });
    expect(
      databaseProblem({
        code: '23503',
        detail: 'Key (id)=(…) is still referenced from table "x".',
      }),
    ).toMatchObject({ status: 409, code: 'STILL_REFERENCED' });
    expect(
      databaseProblem({ code: '23514', table: 'members', constraint: 'members_postal_code_check' }),
    ).toMatchObject({
      status: 422,
      code: 'CONSTRAINT_VIOLATED',
      errors: [{ field: 'postalCode', rule: 'check' }],
    });
    expect(
      databaseProblem({
        code: '23514',
        table: 'journal_lines',
        constraint: 'journal_lines_amount_cents_check_limit',
      })?.errors,
    ).toMatchObject([{ field: 'amountCents' }]);
    expect(databaseProblem({ code: '23P01' })).toMatchObject({ status: 409, code: 'CONFLICT' });
  });

  it('leaves other classes (connections, our own SQL) to the 500 path', () => {
    expect(databaseProblem({ code: '42703' })).toBeUndefined();
    expect(databaseProblem({ code: '08006' })).toBeUndefined();
  });
});
