import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import test from 'ava';
import { aesKey, decryptMessage, encryptMessage, msgSignature, PushCryptoError, signature } from '../../wechat/push-crypto.ts';

const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const appId = 'wx0123456789abcdef';

test('signature() is sha1 of the sorted token, timestamp and nonce', (t) => {
  const expected = createHash('sha1').update(['1409304348', '1490880712', 'AAAAA'].sort().join('')).digest('hex');
  t.is(signature('AAAAA', '1409304348', '1490880712'), expected);
  t.is(msgSignature('AAAAA', '1', '2', 'ZZ'), createHash('sha1').update(['AAAAA', '1', '2', 'ZZ'].sort().join('')).digest('hex'));
});

test('aesKey() turns the 43-character EncodingAESKey into 32 bytes and refuses others', (t) => {
  t.is(aesKey(encodingAESKey).length, 32);
  t.throws(() => aesKey('short'), { instanceOf: PushCryptoError });
});

test('encryptMessage() follows the byte layout: random(16) | length(4, big-endian) | msg | appid, PKCS#7 to 32, IV = key[0..16]', (t) => {
  const key = aesKey(encodingAESKey);
  const random = Buffer.from('0123456789abcdef');
  const message = '<xml><Content><![CDATA[你好]]></Content></xml>';
  const encrypted = encryptMessage(message, appId, key, random);

  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  t.is(plain.length % 32, 0);
  const pad = plain.at(-1)!;
  t.true(pad >= 1 && pad <= 32);
  t.deepEqual([...plain.subarray(plain.length - pad)], Array(pad).fill(pad));
  t.deepEqual(plain.subarray(0, 16), random);
  const length = plain.readUInt32BE(16);
  t.is(length, Buffer.byteLength(message));
  t.is(plain.subarray(20, 20 + length).toString(), message);
  t.is(plain.subarray(20 + length, plain.length - pad).toString(), appId);
});

test('decryptMessage() reads what another implementation encrypted, including a full padding block', (t) => {
  const key = aesKey(encodingAESKey);
  // 16 + 4 + 12 = 32 bytes: already aligned, so a whole 32-byte block of padding follows.
  const message = 'abcdefghijkl';
  const length = Buffer.alloc(4);
  length.writeUInt32BE(message.length);
  const plain = Buffer.concat([Buffer.alloc(16, 7), length, Buffer.from(message), Buffer.from('')]);
  t.is(plain.length, 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const encrypted = Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(32, 32)])), cipher.final()]).toString('base64');
  t.deepEqual(decryptMessage(encrypted, key), { message, appId: '' });
});

test('decryptMessage() rejects garbage with a PushCryptoError', (t) => {
  const key = aesKey(encodingAESKey);
  for (const junk of ['', 'bm90IGNpcGhlcnRleHQ=', Buffer.alloc(32, 1).toString('base64')]) {
    t.throws(() => decryptMessage(junk, key), { instanceOf: PushCryptoError });
  }
});
