import test from 'ava';
import { demoWeb } from '../../cli/commands/demo-web.ts';
import type { CliIo } from '../../cli/io.ts';
import { loadConfig, type Config } from '../../config/load.ts';
import { Store } from '../../store/store.ts';
import { demoFor } from '../helpers/demo.ts';
import { until } from '../helpers/until.ts';
import { PageClient } from '../helpers/web.ts';

test('demo --web serves the demo data, prints the address, a password for this run and an owner link, and stops on the signal', async (t) => {
  const demo = await demoFor(t);
  await demo.run('check', '-c', demo.configPath, '--db', demo.db);
  // Port 0: the demo's usual 8730 may be taken by a demo someone is running.
  const config: Config = { ...(await loadConfig(demo.configPath, demo.env)), web: { listen: '127.0.0.1:0', linkDays: 7, sessionHours: 12 } };
  let stdout = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: () => {}, tty: false, env: demo.env };
  let stop!: () => void;
  const running = demoWeb(config, await Store.open(demo.db), io, new Promise<void>((resolve) => (stop = resolve)));
  await until(() => stdout.includes('按 Ctrl+C 结束演示'), 'the status page to start');
  const address = /在浏览器里打开 (http:\/\/127\.0\.0\.1:\d+) ，管理员密码：(\S+)（/.exec(stdout);
  const link = /\n(http:\/\/127\.0\.0\.1:\d+\/link\/\S+)\n/.exec(stdout)?.[1];
  t.truthy(address);
  t.truthy(link);
  const admin = new PageClient(address![1]!);
  t.is((await admin.loginAsAdmin(address![2]!)).status, 303);
  const overview = await admin.get('/');
  t.true(config.accounts.every((a) => overview.text.includes(a.name)));
  const owner = new PageClient(address![1]!);
  t.is((await owner.get(new URL(link!).pathname)).status, 303);
  t.is((await owner.get('/')).status, 200);
  stop();
  await running;
  await t.throwsAsync(fetch(address![1]!), undefined, 'the page is gone after the signal');
});
