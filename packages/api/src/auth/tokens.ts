import { createHash, randomBytes } from "node:crypto";

/** 256 random bits: the session token, which only the browser's cookie ever holds. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database stores: a leaked Session table does not let anyone log in. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const SESSION_COOKIE = "beltmap_session";
