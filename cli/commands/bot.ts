import type { Config } from '../../config/load.ts';
import { startBot } from '../../bot/start-bot.ts';
import { formatLocal } from '../../core/time.ts';
import { Store } from '../../store/store.ts';
import { exitCodes, type CliIo } from '../io.ts';

/**
 * Run the bot until Ctrl+C / SIGTERM: Wechaty (puppet from WECHATY_PUPPET,
 * session kept in bot.session so a restart needs no new scan), the chat
 * commands and the outbox.
 */
export async function runBot(config: Config, options: { db: string }, io: CliIo): Promise<number> {
  const store = await Store.open(options.db);
  // The clerk watching the terminal reads office time, like everywhere else, not UTC.
  const log = (line: string) => io.stderr(`[${formatLocal(new Date().toISOString(), config.timezone, true)}] ${line}\n`);
  for (const warning of config.warnings) log(`注意：${warning}`);
  log(`菜单巡检机器人启动中（${config.accounts.length} 个账号，数据文件 ${options.db}，微信协议 ${io.env.WECHATY_PUPPET ?? 'wechaty-puppet-wechat4u（默认）'}）`);
  const bot = await startBot({ config, store, log });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('正在停止：未发出的提醒保存在数据文件里，下次启动后继续发送。');
  await bot.stop();
  return exitCodes.ok;
}
