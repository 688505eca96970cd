import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { loadConfig } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import { startChatSandbox } from '../../sandbox/chat-sandbox.ts';
import { Store } from '../../store/store.ts';
import { admin, botConfig } from '../helpers/bot-config.ts';
import { demoFor } from '../helpers/demo.ts';
import { startReceiver } from '../notifiers/receiver.ts';

test('no AppSecret, token, EncodingAESKey, webhook key or access_token appears in the store, outputs, logs or messages', async (t) => {
  const demo = await demoFor(t);
  const receiver = await startReceiver(t, { json: { errcode: 0, errmsg: 'ok' } });
  const webhookKey = 'wecom-key-7f3a91c2e5d84b06';
  const outputs: string[] = [];
  // Accounts that use every kind of secret: API credentials, safe-mode servers (token + AES key), a refused IP.
  const some = ['--account', '扎兰屯发展和改革局', '扎兰屯市公安局', '扎兰屯市自然资源局', '扎兰统计'];

  // The CLI, as text and as JSON.
  outputs.push(JSON.stringify(await demo.run('check', '-c', demo.configPath, '--db', demo.db, ...some)));
  outputs.push(JSON.stringify(await demo.run('check', '--json', '-c', demo.configPath, '--db', demo.db, ...some)));
  // A wrong secret and a missing one: the error texts.
  const fgw = (await loadConfig(demo.configPath, demo.env)).accounts.find((a) => a.name === '扎兰屯发展和改革局')!;
  const wrong = await demo.runWithEnv({ ...demo.env, [fgw.appSecret!.source.slice(4)]: 'not-the-real-secret' }, 'check', '--json', '-c', demo.configPath, '--db', join(demo.dir, 'other.json'), ...some);
  t.regex(wrong.stdout, /40125/);
  outputs.push(JSON.stringify(wrong));
  outputs.push(JSON.stringify(await demo.runWithEnv({}, 'check', '-c', demo.configPath, '--db', join(demo.dir, 'other.json'))));

  // The bot: chat replies, owner digests through a webhook channel, its log.
  const base = await botConfig(demo);
  const config = {
    ...base,
    channels: [{ type: 'wecom' as const, name: '企业微信群', key: new Secret(webhookKey, 'env:WECOM_KEY'), baseUrl: receiver.baseUrl }],
    accounts: base.accounts.map((a) => ({ ...a, owners: a.owners.map((o) => ({ ...o, channel: '企业微信群' })) })),
  };
  const chat = await startChatSandbox({ config, store: await Store.open(demo.db) });
  t.teardown(() => chat.stop());
  chat.say(chat.person(admin.name, admin.remark), `检查 ${some.slice(1).join(' ')}`, true);
  await chat.waitFor((l) => l.text.includes('巡检完成'), 60_000);
  await chat.bot.outbox.idle();
  t.true(receiver.requests.length > 0, 'the webhook was used');
  outputs.push(JSON.stringify(chat.said), chat.log.join('\n'), JSON.stringify(receiver.requests.map((r) => r.body)));
  outputs.push(await readFile(demo.db, 'utf8'));

  const secrets = [...Object.values(demo.env), webhookKey, ...demo.sandbox.api.issuedTokens()];
  t.true(secrets.length > 30);
  const everything = outputs.join('\n');
  const leaks = secrets.filter((s) => everything.includes(s));
  t.deepEqual(leaks, [], 'secret leaks found');
  t.notRegex(everything, /access_token=(?!\*\*\*)[A-Za-z0-9_-]{8,}/);
  t.log(`secrets seeded: ${secrets.length}, outputs searched: ${outputs.length} (${everything.length} characters), leaks: ${leaks.length}`);
});

test('a config with an inline secret that others can read gets a warning recommending env:', async (t) => {
  const demo = await demoFor(t);
  const file = join(demo.dir, 'inline.yaml');
  await writeFile(file, 'accounts:\n  - name: 扎兰屯12333\n    platform: wechat-subscription\n    appId: wx0123456789abcdef\n    appSecret: 0f1e2d3c4b5a69788796a5b4c3d2e1f0\n');
  await chmod(file, 0o644);
  const open = await loadConfig(file, {});
  t.true(open.warnings.some((w) => w.includes('其他用户也能读取') && w.includes('env:')));
  t.false(open.warnings.join('').includes('0f1e2d3c4b5a'));
  await chmod(file, 0o600);
  const closed = await loadConfig(file, {});
  t.false(closed.warnings.some((w) => w.includes('其他用户也能读取')));
});
