import { startService } from '../../bot/serve.ts';
import type { Config } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import { startFakeDingtalk, type RobotLine } from '../../sandbox/gateways/dingtalk-stream.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import type { Store } from '../../store/store.ts';
import type { CliIo } from '../io.ts';

const appName = '钉钉应用';

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('演示中的钉钉机器人没有按时回复');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The service without personal WeChat: a loopback DingTalk plays the office's
 * enterprise app robot over Stream mode; an owner asks for their account's status,
 * answers 已整改 and gets the recheck, with no personal WeChat at all.
 */
export async function demoDingtalk(config: Config, store: Store, sandbox: Sandbox, skipAccount: string, io: CliIo): Promise<void> {
  const broken = sandbox.expected.find((e) => e.code === 'http-error' && e.url && e.menu === '默认菜单' && e.account !== skipAccount && config.accounts.some((a) => a.name === e.account && a.owners.length > 0));
  if (!broken) return;
  const fake = await startFakeDingtalk();
  const owner = config.accounts.find((a) => a.name === broken.account)!.owners[0]!;
  const staff = { staffId: 'manager-demo-01', nick: owner.name };
  const withDingtalk: Config = {
    ...config,
    bot: { ...config.bot, workGroup: undefined, admins: config.bot.admins.map((a, i) => ({ ...a, channel: appName, dingtalk: { userId: `admin-demo-${i + 1}` } })) },
    accounts: config.accounts.map((a) => (a.name === broken.account ? { ...a, owners: [{ ...owner, channel: appName, dingtalk: { userId: staff.staffId } }] } : a)),
    channels: [...config.channels, { type: 'dingtalk-app', name: appName, clientId: fake.clientId, clientSecret: new Secret(fake.clientSecret, 'env:DING_APP_SECRET'), robotCode: fake.clientId, baseUrl: fake.baseUrl }],
  };
  const service = await startService({ config: withDingtalk, store, log: () => {}, schedules: false });
  const print = (line: RobotLine) => io.stdout(`[钉钉:${line.to === staff.staffId ? owner.name : line.to}] 巡检机器人：${line.text.replaceAll('\n', '\n    ')}\n`);
  /** The owner says something on DingTalk; every answer up to the one containing `until` is printed. */
  const converse = async (text: string, until: string) => {
    io.stdout(`[钉钉:${owner.name}] ${owner.name}：${text}\n`);
    const before = fake.said.length;
    fake.say(staff, text);
    await waitUntil(() => fake.said.slice(before).some((l) => l.text.includes(until)), 60_000);
    for (const line of fake.said.slice(before)) print(line);
  };
  try {
    await waitUntil(() => fake.connected(), 10_000);
    // The owner already had the digest in the second part; on DingTalk they ask for the account's status.
    await converse(`状态 ${broken.account}`, '');
    const url = new URL(broken.url!);
    sandbox.farm.repair(url.hostname, url.pathname + url.search);
    io.stdout(`\n（模拟：${broken.account}的网站管理员修好了“${broken.path.join(' > ')}”。${owner.name}在钉钉上回复机器人。）\n\n`);
    await converse(`已整改 ${broken.account}`, '复查完成');
  } finally {
    await service.stop();
    await fake.close();
  }
}
