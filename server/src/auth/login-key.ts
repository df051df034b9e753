import { createHmac } from 'node:crypto';

/** The key of login-failure counts, derived from the server secret under its own label. */
export function loginKeySecret(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('login-failure-key').digest();
}

/**
 * What wrong passwords are counted under with the source address: the username exactly as typed (as the lookup
 * matches it), keyed so that one typed into the wrong field is not stored readable. Known or not, every name has one.
 */
export function loginKey(secret: Buffer, username: string): string {
  return createHmac('sha256', secret).update(username, 'utf8').digest('hex');
}
