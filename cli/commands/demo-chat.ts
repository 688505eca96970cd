import type { Config } from '../../config/load.ts';
import { placeLabel } from '../../core/places.ts';
import { startChatSandbox, type ChatLine } from '../../sandbox/chat-sandbox.ts';
import { demoAdmin } from '../../sandbox/demo-config.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import type { Store } from '../../store/store.ts';
import type { CliIo } from '../io.ts';

/** Long digests are shown once in full; after that their first line stands for them. */
function printer(io: CliIo) {
  let fullDigests = 0;
  return (line: ChatLine) => {
    const isDigest = line.from === '巡检机器人' && line.text.startsWith('【菜单巡检提醒】');
    const file = line.file && `[${/\.(jpe?g|png)$/i.test(line.file.name) ? '网页截图' : '文件'} ${line.file.name}，${Math.ceil(line.file.data.length / 1024)} KB]`;
    const text = file ?? (isDigest && fullDigests++ >= 1 ? `${line.text.split('\n')[0]}（全文略）` : line.text);
    io.stdout(`[${line.where}] ${line.from}：${text.replaceAll('\n', '\n    ')}\n`);
  };
}

/**
 * The bot's loop in a simulated WeChat: the office asks for a check in the
 * work group, owners get their digests, one owner fixes a link and says so,
 * the bot rechecks and confirms. Returns the account that was fixed.
 */
export async function demoChat(config: Config, store: Store, sandbox: Sandbox, io: CliIo): Promise<string> {
  const chat = await startChatSandbox({ config, store, onLine: printer(io) });
  try {
    const staff = chat.person(demoAdmin.name, demoAdmin.remark);
    const owners = new Map(config.accounts.flatMap((a) => a.owners.map((o) => [o.remark ?? o.name, o] as const)));
    const contacts = new Map([...owners].map(([key, o]) => [key, chat.person(o.name, o.remark)]));

    chat.say(staff, '检查 全部', true);
    await chat.waitFor((l) => l.text.includes('巡检完成'), 120_000);
    await chat.bot.outbox.idle();

    const broken = sandbox.expected.find((e) => e.code === 'http-error' && e.url && e.menu === '默认菜单')!;
    const owner = config.accounts.find((a) => a.name === broken.account)!.owners[0]!;
    const url = new URL(broken.url!);
    sandbox.farm.repair(url.hostname, url.pathname + url.search);
    io.stdout(`\n（模拟：${broken.account}的网站管理员修好了“${placeLabel(broken)}”这个页面。）\n\n`);
    chat.say(contacts.get(owner.remark ?? owner.name)!, `已整改 ${broken.account}`);
    await chat.waitFor((l) => l.text.includes('复查完成'), 60_000);
    await chat.bot.outbox.idle();
    return broken.account;
  } finally {
    await chat.stop();
  }
}
