import argon2 from 'argon2';

/**
 * Stored for an account whose holder has not set a password yet (welcome link open):
 * no password verifies against it.
 */
export const NO_PASSWORD = '!';

/** argon2id with the library's defaults (m=64 MiB, t=3, p=4), which follow OWASP guidance. */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (hash === NO_PASSWORD) {
    await verifyAgainstDummy(password);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown e-mail is not answered faster. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('dummy password that never matches');
  await argon2.verify(await dummyHash, password).catch(() => false);
}
