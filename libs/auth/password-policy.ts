import { readFileSync } from 'node:fs';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnDe from '@zxcvbn-ts/language-de';
import { projectPath, type FieldError } from '@dachwerk/shared';

export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn score 3: "safely unguessable" against an online attack, ~10^8 guesses or more. */
export const MIN_PASSWORD_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

/**
 * zxcvbn with the common and German dictionaries, plus our shipped list
 * (config/common-passwords.txt): it still catches German ones zxcvbn scores as
 * strong, e.g. "ichliebedich1". Built once: the dictionaries take ~100 ms to load.
 */
function strength(): ZxcvbnFactory {
  if (!estimator) {
    const shipped = readFileSync(projectPath('config', 'common-passwords.txt'), 'utf8')
      .split('\n')
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line && !line.startsWith('#'));
    estimator = new ZxcvbnFactory({
      dictionary: {
        ...zxcvbnCommon.dictionary,
        ...zxcvbnDe.dictionary,
        'dachwerk-common': shipped,
      },
      graphs: zxcvbnCommon.adjacencyGraphs,
      translations: zxcvbnDe.translations,
    });
  }
  return estimator;
}

/** What a password must not contain: the e-mail, its local part, the name and its words. */
function personalParts(account: { email?: string; name?: string }): string[] {
  const email = account.email?.trim().toLowerCase() ?? '';
  const name = account.name?.trim().toLowerCase() ?? '';
  const words = [email.split('@')[0], name, ...name.split(/[\s.,_-]+/)];
  return [email, ...words].filter((part) => part.length >= 3);
}

/** Problems with a new password for the given account; empty when it is acceptable. */
export function passwordProblems(
  password: string,
  account: { email?: string; name?: string } = {},
  field = 'password',
): FieldError[] {
  if ([...password.trim()].length < MIN_PASSWORD_LENGTH) {
    return [
      {
        field,
        rule: 'minLength',
        message: `must be at least ${MIN_PASSWORD_LENGTH} characters long, not counting spaces at either end`,
      },
    ];
  }
  const lower = password.toLowerCase();
  const parts = personalParts(account);
  if (parts.some((part) => lower.includes(part))) {
    return [{ field, rule: 'notPersonal', message: 'must not contain your e-mail or name' }];
  }
  const result = strength().check(password, parts);
  if (result.score < MIN_PASSWORD_SCORE) {
    const hint = result.feedback.warning ?? result.feedback.suggestions[0];
    return [
      {
        field,
        rule: 'strength',
        message: `is too easy to guess${hint ? ` (${hint})` : ''}; a few unrelated words make a strong password`,
      },
    ];
  }
  return [];
}
