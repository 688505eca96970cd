import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config/load.ts';
import { writeDemoConfig } from '../../sandbox/demo-config.ts';
import { startSandbox } from '../../sandbox/index.ts';
import { exitCodes, type CliIo } from '../io.ts';
import { runCheck } from './check.ts';

/**
 * The whole product on a laptop with no network: the sandbox plays WeChat's
 * API and the county's websites on 127.0.0.1, and the sweep runs against it
 * exactly as it would against the real ones.
 */
export async function runDemo(options: { db: string; json: boolean }, io: CliIo): Promise<number> {
  const sandbox = await startSandbox();
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-demo-'));
  try {
    const { configPath, env } = await writeDemoConfig(sandbox, dir);
    const config = await loadConfig(configPath, { ...io.env, ...env });
    if (!options.json) {
      io.stdout(
        `演示：已在本机启动模拟的微信接口和 ${Object.keys(sandbox.hosts).length} 个模拟网站，` +
          `登记了扎兰屯市 ${config.accounts.length} 个政务新媒体账号（不访问互联网）。\n` +
          `现在像真实巡检一样，逐个读取公众号菜单并打开每一个菜单项……\n\n`,
      );
    }
    await runCheck(config, { accounts: [], json: options.json, db: options.db, trigger: 'demo' }, io);
    if (!options.json) {
      io.stdout(`结果已记录到 ${options.db}。在真实环境中，把配置写进 menu-patrol.yaml 后运行：npx menu-patrol check\n`);
    }
    return exitCodes.ok;
  } finally {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
}
