import type { EventEmitter } from 'node:events';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { startService, type RunningService } from '../bot/serve.ts';
import type { Config } from '../config/load.ts';
import type { Store } from '../store/store.ts';

/** One line of the conversation: who said what, where. */
export interface ChatLine {
  readonly from: string;
  /** "群:<topic>" or "私聊:<name>" (the other side of a direct message). */
  readonly where: string;
  readonly text: string;
  /** A file the bot sent (the report's xlsx), with its bytes. */
  readonly file?: { readonly name: string; readonly data: Buffer };
}

export interface ChatSandbox {
  readonly bot: RunningService;
  /** Everything the bot said, in order. */
  readonly said: ChatLine[];
  readonly log: string[];
  /** A person in the bot's contacts, with the remark the office set on the bot's phone. */
  person(name: string, remark?: string): mock.ContactMock;
  /** Someone writes to the bot: a direct message, or in the work group with an @. */
  say(from: mock.ContactMock, text: string, inGroup?: boolean): void;
  /** Resolves with the first thing the bot said that matches. */
  waitFor(match: (line: ChatLine) => boolean, timeoutMs?: number): Promise<ChatLine>;
  stop(): Promise<void>;
}

export interface ChatSandboxOptions {
  readonly config: Config;
  readonly store: Store;
  /** Every line of the conversation as it happens, people's and the bot's (the demo prints it). */
  readonly onLine?: (line: ChatLine) => void;
}

const botName = '巡检机器人';

/**
 * The bot on wechaty-puppet-mock: a simulated WeChat with a work group and
 * contacts, for the demo's chat transcript and the conversation tests. Kept
 * in one file because the mock is unmaintained since 2022 and may need replacing.
 */
export async function startChatSandbox(options: ChatSandboxOptions): Promise<ChatSandbox> {
  const { config, store } = options;
  const mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  const me = mocker.createContact({ name: botName });
  const room = mocker.createRoom({ topic: config.bot.workGroup ?? '菜单巡检工作群', memberIdList: [me.id] });
  const said: ChatLine[] = [];
  const log: string[] = [];
  // ContactMock's typed-emitter types do not survive NodeNext resolution; it is an EventEmitter.
  (me as unknown as EventEmitter).on('message', (m: mock.MessageMock) => {
    // The bot's contact also sees what people send it; only its own messages are the bot's lines.
    if (m.talker()?.id !== me.id) return;
    const topic = m.room()?.payload?.topic;
    // The mock keeps a sent FileBox as JSON; the bot sends base64 boxes, so the bytes are right there.
    const box = mocker.cacheFileBoxPayload.get(m.id);
    const file = box && 'base64' in box ? { file: { name: box.name, data: Buffer.from(box.base64, 'base64') } } : {};
    const line = { from: botName, where: topic ? `群:${topic}` : `私聊:${m.listener()?.payload?.name ?? '?'}`, text: m.text() ?? '', ...file };
    said.push(line);
    options.onLine?.(line);
  });
  const bot = await startService({ config, store, wechat: { puppet }, schedules: false, log: (line) => log.push(line) });
  const loggedIn = new Promise((resolve) => bot.wechaty!.once('login', resolve));
  mocker.login(me);
  await loggedIn;
  let stopped = false;

  return {
    bot,
    said,
    log,
    person(name, remark) {
      const contact = mocker.createContact({ name, ...(remark ? { alias: remark } : {}) });
      room.payload.memberIdList.push(contact.id);
      return contact;
    },
    say(from, text, inGroup = false) {
      options.onLine?.({ from: from.payload.name, where: inGroup ? `群:${room.payload.topic}` : `私聊:${from.payload.name}`, text: inGroup ? `@${botName} ${text}` : text });
      if (inGroup) from.say(`@${botName}\u2005${text}`, [me]).to(room);
      else from.say(text).to(me);
    },
    async waitFor(match, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = said.find(match);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`the bot never said it; it said:\n${said.map((s) => `[${s.where}] ${s.text}`).join('\n')}\nlog:\n${log.join('\n')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await bot.stop();
    },
  };
}
