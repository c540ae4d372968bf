/** Hashes and checks staff passwords and member PINs (scrypt in the crypto adapter). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** A stored value no password matches: checked against when the user is unknown, so timing tells nothing. */
  readonly unmatchable: string;
}
