import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { writeDemoConfig } from '../../sandbox/demo-config.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { exitCodes, type CliIo } from '../io.ts';
import { runCheck } from './check.ts';
import { demoChat } from './demo-chat.ts';
import { demoDingtalk } from './demo-dingtalk.ts';
import { demoProxy } from './demo-proxy.ts';
import { demoRendered } from './demo-rendered.ts';
import { demoWeb } from './demo-web.ts';
import { Store } from '../../store/store.ts';

/**
 * The whole product on a laptop with no network: the sandbox plays WeChat's
 * API and the county's websites on 127.0.0.1, and the sweep runs against it
 * exactly as it would against the real ones.
 */
export async function runDemo(options: { db: string; json: boolean; web?: boolean }, io: CliIo): Promise<number> {
  const sandbox = await startSandbox();
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-demo-'));
  try {
    const { configPath, env } = await writeDemoConfig(sandbox, dir);
    const config = await loadConfig(configPath, { ...io.env, ...env });
    if (!options.json) {
      io.stdout(
        `演示：已在本机启动模拟的微信接口和 ${Object.keys(sandbox.hosts).length} 个模拟网站，` +
          `登记了扎兰屯市 ${config.accounts.length} 个政务新媒体账号（不访问互联网）。\n` +
          `━━━━ 第一部分：命令行巡检（npx menu-patrol check）━━━━\n` +
          `现在像真实巡检一样，逐个读取公众号菜单并打开每一个菜单项……\n\n`,
      );
    }
    await runCheck(config, { accounts: [], json: options.json, db: options.db, trigger: 'demo' }, io);
    if (options.json) return exitCodes.ok;
    const store = await Store.open(options.db);
    demoRendered(sandbox, store.lastRun(), io);
    io.stdout(`\n━━━━ 第二部分：聊天机器人（模拟的微信，群名“${config.bot.workGroup}”）━━━━\n\n`);
    const fixed = await demoChat(config, store, sandbox, io);
    io.stdout(`\n━━━━ 第三部分：不用个人微信，用钉钉（模拟的钉钉企业内部应用机器人，Stream 模式）━━━━\n\n`);
    await demoDingtalk(config, store, sandbox, fixed, io);
    io.stdout(`\n━━━━ 第四部分：单位内网经代理上网（代理只放行 443 端口的 CONNECT，并要求登录）━━━━\n\n`);
    await demoProxy(config, dir, fixed, io);
    io.stdout(
      `\n演示结束。结果记录在 ${options.db}。\n正式使用：把本单位的账号写进 menu-patrol.yaml，` +
        '运行 npx menu-patrol check 巡检，npx menu-patrol serve 常驻运行（定时巡检、钉钉等渠道的命令和提醒，并提供状态网页），npx menu-patrol schedule 查看定时任务。\n',
    );
    if (options.web) await demoWeb(config, store, io);
    else io.stdout('想在浏览器里看这次演示的巡检结果（总览、各账号的问题和截图、巡检记录）：运行 npm start -- --web\n');
    return exitCodes.ok;
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
