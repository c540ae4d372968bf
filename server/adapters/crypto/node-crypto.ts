import { v7 as uuidv7 } from 'uuid';
import type { Ids } from '../../app/ports/ids.port.ts';
import type { PasswordHasher } from '../../app/ports/password-hasher.port.ts';
import type { Secrets } from '../../app/ports/secrets.port.ts';
import { hashPassword, UNMATCHABLE_HASH, verifyPassword } from './password-hasher.ts';
import { newToken, randomPassword, sha256Hex } from './token.ts';

/** The app's crypto ports on node:crypto (scrypt, randomBytes, SHA-256) and the uuid package's v7. */
export const scryptPasswords: PasswordHasher = {
  hash: hashPassword,
  verify: verifyPassword,
  unmatchable: UNMATCHABLE_HASH,
};

export const nodeSecrets: Secrets = { newToken, randomPassword, sha256Hex };

export const uuidIds: Ids = {
  uuid: () => uuidv7(),
  compact: () => uuidv7().replaceAll('-', ''),
};
