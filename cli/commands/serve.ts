import type { Config } from '../../config/load.ts';
import { startService } from '../../bot/serve.ts';
import { formatLocal } from '../../core/time.ts';
import { Store } from '../../store/store.ts';
import { exitCodes, type CliIo } from '../io.ts';

/**
 * Run until Ctrl+C / SIGTERM: the schedules, the chat commands from every
 * two-way channel and the outbox; with `wechat`, also the bot's personal
 * WeChat (puppet from WECHATY_PUPPET, session kept beside the data file so a
 * restart needs no new scan).
 */
export async function runServe(config: Config, options: { db: string; wechat: boolean }, io: CliIo): Promise<number> {
  const store = await Store.open(options.db);
  // The clerk watching the terminal reads office time, like everywhere else, not UTC.
  const log = (line: string) => io.stderr(`[${formatLocal(new Date().toISOString(), config.timezone, true)}] ${line}\n`);
  for (const warning of config.warnings) log(`注意：${warning}`);
  const channels = config.channels.map((c) => c.name);
  const wechat = options.wechat ? `，个人微信协议 ${io.env.WECHATY_PUPPET ?? 'wechaty-puppet-wechat4u（默认）'}` : '，不使用个人微信';
  log(`菜单巡检服务启动中（${config.accounts.length} 个账号，数据文件 ${options.db}，消息渠道：${channels.join('、') || '无'}${wechat}）`);
  const service = await startService({ config, store, log, wechat: options.wechat ? {} : false, web: {} });
  if (service.web) {
    const password = config.web && config.web.adminPassword ? '管理员用 web.adminPassword 的密码登录' : '没有设置 web.adminPassword，管理员不能登录';
    log(`状态网页：${service.web.url}（${password}；负责人用提醒消息里的链接打开）`);
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  log('正在停止：未发出的提醒保存在数据文件里，下次启动后继续发送。');
  await service.stop();
  return exitCodes.ok;
}
