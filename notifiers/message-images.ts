import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { OutgoingMessage } from '../core/message.ts';

export interface MessageImage {
  readonly name: string;
  readonly data: Buffer;
}

/**
 * The message's screenshots that a channel can carry: files still there
 * (retention may have pruned one before a late reminder went out) and no
 * larger than the channel takes. One that cannot go is left out: the text
 * alone still goes, never a failed message. Every channel that sends images
 * reads them here; a channel that cannot (DingTalk and Feishu group robots)
 * ignores `images`. The WeCom and Feishu app channels would upload each one
 * (WeCom media/upload?type=image, Feishu im/v1/images) and send it by its id.
 */
export async function messageImages(message: OutgoingMessage, maxBytes: number): Promise<MessageImage[]> {
  const images: MessageImage[] = [];
  for (const path of message.images ?? []) {
    const size = await stat(path).then((s) => (s.isFile() ? s.size : undefined), () => undefined);
    if (size === undefined || size === 0 || size > maxBytes) continue;
    const data = await readFile(path).catch(() => undefined);
    if (data) images.push({ name: basename(path), data });
  }
  return images;
}
