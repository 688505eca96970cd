import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { ExecutionContext } from 'ava';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real phone-sized PNG (a white page with a red banner, as a hijacked page looks), written to a temp folder the test removes. */
export async function screenshotFile(t: ExecutionContext, width = 375, height = 667): Promise<{ path: string; data: Buffer }> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = (y: number) => Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, y < 60 ? Buffer.from([184, 0, 11]) : Buffer.from([255, 255, 255]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, (_, y) => row(y))));
  const data = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-shot-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'evidence.png');
  await writeFile(path, data);
  return { path, data };
}

/** Whether bytes are a PNG or a JPEG, by their signature. */
export const isImage = (data: Buffer) => data.subarray(0, 8).toString('latin1') === '\x89PNG\r\n\x1a\n' || data.subarray(0, 3).toString('hex') === 'ffd8ff';
