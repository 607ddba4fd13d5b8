import { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation';

describe('flattenValidationErrors', () => {
  it('names nested fields with their path and each rule', () => {
    const child: ValidationError = {
      property: 'roles',
      constraints: { isIn: 'bad role' },
      children: [],
    };
    const item: ValidationError = { property: '0', children: [child] };
    const list: ValidationError = { property: 'organisations', children: [item] };
    const flat: ValidationError = {
      property: 'email',
      constraints: { isEmail: 'bad', maxLength: 'long' },
    };
    expect(flattenValidationErrors([flat, list])).toEqual([
      { field: 'email', rule: 'isEmail', message: 'bad' },
      { field: 'email', rule: 'maxLength', message: 'long' },
      { field: 'organisations.0.roles', rule: 'isIn', message: 'bad role' },
    ]);
  });
});
