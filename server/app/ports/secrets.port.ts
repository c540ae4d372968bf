/** Random bearer tokens and generated passwords, and the digest that stores a token or content hash. */
export interface Secrets {
  /** 32 random bytes, base64url: a session, claim or device token. Only its digest is stored. */
  newToken(): string;
  /** A human-friendly random password (no look-alike characters). */
  randomPassword(length?: number): string;
  /** SHA-256, lowercase hex. */
  sha256Hex(text: string | Uint8Array): string;
}
