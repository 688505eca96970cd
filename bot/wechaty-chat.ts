import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { FileBox, type FileBoxInterface } from 'file-box';
import { types, type Contact, type Message } from 'wechaty';
import type { WechatyInterface } from 'wechaty/impls';
import type { MessageImage } from '../notifiers/message-images.ts';
import type { FailureKind, SendResult } from '../notifiers/types.ts';
import type { IncomingChat } from './chat-app.ts';

/**
 * The Wechaty edge: turns incoming messages into IncomingChat and sends text
 * (and pictures) to people (found by remark) and groups (found by topic). Nothing here knows
 * about commands or findings.
 */

/** Only direct messages, and messages in the work group that @ the bot. */
export function listen(bot: WechatyInterface, workGroup: string | undefined, handle: (chat: IncomingChat) => Promise<void>, log: (line: string) => void): void {
  bot.on('message', (message: Message) => {
    toChat(message, workGroup)
      .then((chat) => (chat ? handle(chat) : undefined))
      .catch((error: unknown) => log(`处理消息出错：${(error as Error).message}`));
  });
}

async function toChat(message: Message, workGroup: string | undefined): Promise<IncomingChat | undefined> {
  if (message.self() || message.type() !== types.Message.Text) return undefined;
  const talker = message.talker();
  const room = message.room();
  let text = message.text();
  let topic: string | undefined;
  if (room) {
    topic = await room.topic();
    if (topic !== workGroup || !(await message.mentionSelf())) return undefined;
    text = await message.mentionText();
  }
  const remark = (await talker.alias()) || undefined;
  return {
    text,
    talker: { name: talker.name(), ...(remark ? { remark } : {}) },
    ...(topic ? { room: topic } : {}),
    reply: async (answer) => {
      if (room) await room.say(answer, talker);
      else await talker.say(answer);
    },
    replyFile: async (path) => {
      // Base64 rather than fromFile: every puppet can carry it, including the service puppets that serialise the box.
      const box = FileBox.fromBase64((await readFile(path)).toString('base64'), basename(path));
      if (room) await room.say(box);
      else await talker.say(box);
    },
  };
}

const failed = (reason: FailureKind, detail: string, retryable: boolean): SendResult => ({ ok: false, retryable, reason, detail });

async function say(target: { say(content: string | FileBoxInterface): Promise<unknown> }, text: string, images: readonly MessageImage[]): Promise<SendResult> {
  try {
    await target.say(text);
  } catch (error) {
    return failed('network', `WeChat send failed: ${(error as Error).message}`, true);
  }
  let parts = 1;
  for (const image of images) {
    try {
      // Base64 boxes, as for files: every puppet can carry them.
      await target.say(FileBox.fromBase64(image.data.toString('base64'), image.name));
      parts++;
    } catch {
      // The text is there already: a picture the puppet cannot send is left out, not a reason to send the text again.
    }
  }
  return { ok: true, parts };
}

/** Find a person by the remark the office set on the bot's phone; two matches are never guessed between. */
export async function sendToPerson(bot: WechatyInterface, person: { name: string; remark?: string }, text: string, images: readonly MessageImage[] = []): Promise<SendResult> {
  const found: Contact[] = person.remark ? await bot.Contact.findAll({ alias: person.remark }) : await bot.Contact.findAll({ name: person.name });
  const label = person.remark ? `remark "${person.remark}"` : `name "${person.name}"`;
  // Not found may mean the contact list is still loading after login: try again later.
  if (found.length === 0) return failed('no-contact', `no contact with ${label}`, true);
  if (found.length > 1) return failed('ambiguous-contact', `${found.length} contacts with ${label}`, false);
  return say(found[0]!, text, images);
}

export async function sendToGroup(bot: WechatyInterface, topic: string, text: string, images: readonly MessageImage[] = []): Promise<SendResult> {
  const room = await bot.Room.find({ topic });
  if (!room) return failed('no-contact', `no group named "${topic}" (saved to contacts?)`, true);
  return say(room, text, images);
}
