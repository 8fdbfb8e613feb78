import { createHash, randomBytes } from 'node:crypto';

export const SESSION_TOKEN_PREFIX = 'adms_';
export const API_KEY_TOKEN_PREFIX = 'admit_';

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}
