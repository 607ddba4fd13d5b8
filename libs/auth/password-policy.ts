import { readFileSync } from 'node:fs';
import { projectPath, type FieldError } from '@dachwerk/shared';

export const MIN_PASSWORD_LENGTH = 12;

let commonPasswords: Set<string> | undefined;

/** The shipped list of common passwords (config/common-passwords.txt), read once. */
function common(): Set<string> {
  if (!commonPasswords) {
    const text = readFileSync(projectPath('config', 'common-passwords.txt'), 'utf8');
    commonPasswords = new Set(
      text
        .split('\n')
        .map((line) => line.trim().toLowerCase())
        .filter((line) => line && !line.startsWith('#')),
    );
  }
  return commonPasswords;
}

/** Problems with a new password; empty when it is acceptable. */
export function passwordProblems(password: string, field = 'password'): FieldError[] {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return [
      {
        field,
        rule: 'minLength',
        message: `must be at least ${MIN_PASSWORD_LENGTH} characters long`,
      },
    ];
  }
  if (common().has(password.toLowerCase())) {
    return [{ field, rule: 'notCommon', message: 'is on the list of commonly used passwords' }];
  }
  return [];
}
