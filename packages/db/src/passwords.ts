import { hash, verify } from "@node-rs/argon2";

// OWASP's minimum for Argon2id (Password Storage Cheat Sheet): 19 MiB memory, 2 passes, 1 lane.
// `algorithm: 2` is Algorithm.Argon2id, a const enum that verbatimModuleSyntax cannot import.
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A PHC string ($argon2id$v=19$m=19456,t=2,p=1$…) with its own random salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID);
}

/** False for a wrong password and for a malformed stored hash alike. */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: verifying against it costs as much as against a real one, so a
 * login for a user who does not exist takes as long as one with a wrong password. */
export const TIMING_DECOY_HASH = hashPassword(crypto.randomUUID());

export const PASSWORD_MIN_LENGTH = 10;

/** Null when the password is acceptable, otherwise why not (in Chinese, for the form). */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`;
  if (password.length > 256) return "密码过长";
  return null;
}

/** Usernames: 3–32 letters, digits or . _ - (they appear in audit rows and URLs as they are). */
export const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,32}$/;

export function usernameProblem(username: string): string | null {
  return USERNAME_PATTERN.test(username) ? null : "用户名为 3–32 位字母、数字或 . _ -";
}
