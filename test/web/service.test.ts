import { createServer, type AddressInfo } from 'node:net';
import test from 'ava';
import { startService } from '../../bot/serve.ts';
import { loadConfig, type Config } from '../../config/load.ts';
import { Secret } from '../../config/secret.ts';
import { Store } from '../../store/store.ts';
import { ListenError } from '../../web/server.ts';
import { demoFor } from '../helpers/demo.ts';
import { PageClient } from '../helpers/web.ts';

const publicUrl = 'https://menu.example.gov.cn';

test("with web.publicUrl, an owner's digest ends with their signed link, and the link opens their page on the service", async (t) => {
  const demo = await demoFor(t);
  const loaded = await loadConfig(demo.configPath, demo.env);
  const config: Config = { ...loaded, web: { listen: '127.0.0.1:8730', publicUrl, linkDays: 7, sessionHours: 12, adminPassword: new Secret('pw', 'env:PW') } };
  const store = await Store.open(demo.db);
  const service = await startService({ config, store, log: () => {}, schedules: false, web: { listen: '127.0.0.1:0' } });
  t.teardown(() => service.stop());
  t.truthy(service.web);
  const account = config.accounts.find((a) => a.name === '扎兰屯12333')!;
  await service.sweeps.sweep([account.name], 'cli');
  const owner = account.owners[0]!.name;
  const digest = store.outbox.find((m) => m.to.kind === 'person' && m.to.name === owner);
  t.truthy(digest, 'the owner is told');
  const line = digest!.message.text.split('\n').at(-1)!;
  t.snapshot(line.replace(/\/link\/[\w.-]+/, '/link/<签名>'), 'the last line of the digest');
  const link = /https:\/\/menu\.example\.gov\.cn(\/link\/[\w.-]+)/.exec(line)?.[1];
  t.truthy(link);
  const client = new PageClient(service.web!.url);
  t.is((await client.get(link!)).status, 303);
  const page = await client.get('/');
  t.is(page.status, 200);
  t.true(page.text.includes(`负责人 ${owner}`));
  t.true(page.text.includes(account.name));
});

test('without web.publicUrl the digest has no link: owners could not open a page on 127.0.0.1', async (t) => {
  const demo = await demoFor(t);
  const config = await loadConfig(demo.configPath, demo.env);
  const store = await Store.open(demo.db);
  const service = await startService({ config, store, log: () => {}, schedules: false, web: { listen: '127.0.0.1:0' } });
  t.teardown(() => service.stop());
  await service.sweeps.sweep(['扎兰屯12333'], 'cli');
  const digests = store.outbox.filter((m) => m.to.kind === 'person');
  t.true(digests.length > 0);
  t.false(digests.some((m) => m.message.text.includes('/link/')));
});

test('web: false in the config: the service runs without the page', async (t) => {
  const demo = await demoFor(t);
  const config: Config = { ...(await loadConfig(demo.configPath, demo.env)), web: false };
  const service = await startService({ config, store: await Store.open(demo.db), log: () => {}, schedules: false, web: { listen: '127.0.0.1:0' } });
  t.teardown(() => service.stop());
  t.is(service.web, undefined);
});

test('a taken port: the service does not start, and says which address and what to do', async (t) => {
  const demo = await demoFor(t);
  const config = await loadConfig(demo.configPath, demo.env);
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => taken.close(() => resolve())));
  const listen = `127.0.0.1:${(taken.address() as AddressInfo).port}`;
  const error = await t.throwsAsync(startService({ config, store: await Store.open(demo.db), log: () => {}, schedules: false, web: { listen } }), { instanceOf: ListenError });
  t.snapshot(error?.message.replace(listen, '127.0.0.1:<端口>'));
});
