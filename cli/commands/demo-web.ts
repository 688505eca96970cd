import { randomBytes } from 'node:crypto';
import { startService, type RunningService } from '../../bot/serve.ts';
import type { Config, WebConfig } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import type { Store } from '../../store/store.ts';
import { ListenError } from '../../web/server.ts';
import type { CliIo } from '../io.ts';

const defaults: WebConfig = { listen: '127.0.0.1:8730', linkDays: 7, sessionHours: 12 };

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * `demo --web`: after the demo, the status page over the demo's data until
 * Ctrl+C. The sandbox stays up, so 现在复查 sweeps it for real. The admin
 * password is made up for this run and printed: the demo has no secrets to keep.
 */
export async function demoWeb(config: Config, store: Store, io: CliIo, until: Promise<void> = stopSignal()): Promise<void> {
  const password = randomBytes(6).toString('base64url');
  const web: WebConfig = { ...(config.web || defaults), adminPassword: new Secret(password, 'demo') };
  const options = { config: { ...config, web }, store, log: (line: string) => io.stderr(`${line}\n`), schedules: false } as const;
  let service: RunningService;
  try {
    service = await startService({ ...options, web: {} });
  } catch (error) {
    // Another program (or a second demo) has the usual port: any free one will do.
    if (!(error instanceof ListenError && error.reason === 'EADDRINUSE')) throw error;
    service = await startService({ ...options, web: { listen: '127.0.0.1:0' } });
  }
  try {
    const open = new Set(store.openFindings().filter((f) => f.severity === 'fail').map((f) => f.account));
    const owned = config.accounts.find((a) => open.has(a.name) && a.owners.length > 0);
    io.stdout(
      `\n━━━━ 状态网页 ━━━━\n\n` +
        `在浏览器里打开 ${service.web!.url} ，管理员密码：${password}（只在这次演示里有效）\n` +
        (owned ? `负责人${owned.owners[0]!.name}从提醒消息里打开的链接（只显示他负责的账号，手机上也能看）：\n${service.web!.ownerLink(owned.owners[0]!.name)}\n` : '') +
        '按 Ctrl+C 结束演示。\n',
    );
    await until;
  } finally {
    await service.stop();
  }
}
