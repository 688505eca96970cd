import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The signing and encryption WeChat uses for pushes to an account's server
 * (wechat-platform.md §4.2–4.3): SHA-1 over sorted strings, and AES-256-CBC
 * with the IV taken from the key and PKCS#7 padding to 32-byte blocks.
 */

const block = 32;

/** SHA-1 hex of the lexicographically sorted strings, concatenated. */
export function sortedSha1(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** `signature` on every push: sha1(sort(token, timestamp, nonce)). */
export function signature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1(token, timestamp, nonce);
}

/** `msg_signature` in safe mode: the ciphertext joins the sorted set. */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return sortedSha1(token, timestamp, nonce, encrypted);
}

export class PushCryptoError extends Error {
  readonly code = 'push-crypto';
}

/** The 32-byte AES key behind a 43-character EncodingAESKey. */
export function aesKey(encodingAESKey: string): Buffer {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  if (encodingAESKey.length !== 43 || key.length !== 32) throw new PushCryptoError('EncodingAESKey 应为 43 位');
  return key;
}

/** random(16) | length(4, big-endian) | message | appId, padded, encrypted, base64. */
export function encryptMessage(message: string, appId: string, key: Buffer, random: Buffer = randomBytes(16)): string {
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random, length, body, Buffer.from(appId, 'utf8')]);
  const pad = block - (plain.length % block);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/** The inverse of encryptMessage; also returns the trailing appId so the caller can check it. */
export function decryptMessage(encrypted: string, key: Buffer): { message: string; appId: string } {
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  } catch (error) {
    throw new PushCryptoError(`解密失败（${(error as Error).message}）`);
  }
  const pad = plain.at(-1) ?? 0;
  if (pad < 1 || pad > block || plain.length < 20 + pad) throw new PushCryptoError('解密后的填充不对');
  const unpadded = plain.subarray(0, plain.length - pad);
  const length = unpadded.readUInt32BE(16);
  if (20 + length > unpadded.length) throw new PushCryptoError('解密后的长度字段不对');
  return {
    message: unpadded.subarray(20, 20 + length).toString('utf8'),
    appId: unpadded.subarray(20 + length).toString('utf8'),
  };
}
