import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { WebConfig } from '../config/load.ts';

/** Beside the data file, never inside it: the store is copied around and shown in reviews, this file must not be. */
export function signingKeyFile(storeFile: string): string {
  return join(dirname(storeFile), 'web-signing-key');
}

/**
 * The key that signs owner links and sessions: `web.secret` when the office
 * set one, else one generated on first start and kept (mode 0600) so links
 * already sent keep working after a restart.
 */
export async function signingKey(web: WebConfig, storeFile: string): Promise<Buffer> {
  if (web.secret) return Buffer.from(web.secret.reveal());
  const file = signingKeyFile(storeFile);
  const kept = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (kept && kept.length >= 32) return kept;
  await mkdir(dirname(file), { recursive: true });
  const key = randomBytes(32);
  // 'wx': two services starting at once must not each keep a different key; the loser reads the winner's.
  await writeFile(file, key, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return readFile(file);
}
