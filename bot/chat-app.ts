import type { Config } from '../config/load.ts';
import type { Store } from '../store/store.ts';
import { parseCommand } from './command-parser.ts';
import { handlers } from './handlers/registry.ts';
import { roleOf } from './roles.ts';
import type { SweepService } from '../sweep/sweep-service.ts';
import type { IncomingChat, Talker } from '../core/chat.ts';

export type { IncomingChat } from '../core/chat.ts';

/** One key per person per channel, for pacing and the one refusal. */
function talkerKey(talker: Talker): string {
  if (talker.id) return `${talker.id.platform}:${talker.id.userId}`;
  return talker.remark ?? `name:${talker.name}`;
}

export interface ChatAppDeps {
  readonly config: Config;
  readonly store: Store;
  readonly sweeps: SweepService;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}

const strangerReply = '您好，我是政务新媒体菜单巡检机器人，只为政务公开办和各账号负责人服务。如需使用，请联系政务公开办登记。';

/**
 * The conversation side of the bot: who may say what, at what pace, and which
 * handler answers. Strangers are answered once, politely, then ignored.
 */
export function createChatApp(deps: ChatAppDeps) {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? (() => {});
  const refused = new Set<string>();
  const recent = new Map<string, number[]>();
  const slowedDown = new Set<string>();

  /** A sliding minute per person; one polite notice when the limit is hit. */
  function overLimit(key: string): 'ok' | 'notify' | 'drop' {
    const t = now().getTime();
    const times = (recent.get(key) ?? []).filter((x) => t - x < 60_000);
    if (times.length < deps.config.bot.commandsPerMinute) {
      times.push(t);
      recent.set(key, times);
      slowedDown.delete(key);
      return 'ok';
    }
    if (slowedDown.has(key)) return 'drop';
    slowedDown.add(key);
    return 'notify';
  }

  return async function handle(chat: IncomingChat): Promise<void> {
    const { talker } = chat;
    const who = `${talker.name}${talker.remark ? `（备注：${talker.remark}）` : ''}${talker.id ? `（${talker.id.platform}：${talker.id.userId}）` : ''}`;
    const command = parseCommand(chat.text);
    if (command === null) return;
    const role = roleOf(chat.talker, deps.config);
    const key = talkerKey(talker);
    if (role.kind === 'stranger') {
      log(`未登记的人发来消息，已${refused.has(key) ? '忽略' : '婉拒'}：${who}`);
      if (!refused.has(key)) {
        refused.add(key);
        await chat.reply(strangerReply);
      }
      return;
    }
    const pace = overLimit(key);
    if (pace !== 'ok') {
      log(`${who} 发送命令过快，已${pace === 'notify' ? '提醒' : '忽略'}`);
      if (pace === 'notify') await chat.reply('您发送得有点快，请稍等一分钟再发，我会一件一件处理。');
      return;
    }
    if ('unknown' in command) {
      await chat.reply(`没听懂“${command.unknown.slice(0, 20)}”。发送“帮助”查看我能做什么。`);
      return;
    }
    log(`${who} 发出命令：${command.name} ${command.args.join(' ')}`);
    try {
      await handlers[command.name]({ args: command.args, role, config: deps.config, store: deps.store, sweeps: deps.sweeps, reply: chat.reply, replyFile: chat.replyFile, now });
    } catch (error) {
      log(`处理命令出错：${(error as Error).stack ?? String(error)}`);
      await chat.reply('抱歉，处理这条命令时出错了，已记录下来，请稍后再试或联系管理员。');
    }
  };
}
