import { passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblems('Linden-Allee 42 im Herbst')).toEqual([]);
  });

  it('refuses short passwords, counting characters not bytes', () => {
    expect(passwordProblems('kurz')[0].rule).toBe('minLength');
    expect(passwordProblems('äöüäöüäöüäö')[0].rule).toBe('minLength'); // 11 chars, 22 bytes
  });

  it('refuses common passwords regardless of case', () => {
    expect(passwordProblems('QWERTY123456')[0].rule).toBe('notCommon');
    expect(passwordProblems('passwort1234')[0].rule).toBe('notCommon');
  });
});
