/**
 * One life of `serve` for the channel crash test: the service as serve wires
 * it (startService, compiled dist/ as offices run it) with personal WeChat on
 * a puppet that never logs in, and the official channels the test's fakes
 * stand for. The first life queues the test's batch (a marker file says it is
 * queued); every life says `ready` and delivers until only personal-WeChat
 * messages are left, then exits. The test kills it with SIGKILL meanwhile.
 * Usage: node serve-crash-worker.mjs <dir> (setup.json and the store live there)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { startService } from '../../dist/bot/serve.js';
import { parseConfig } from '../../dist/config/load.js';
import { Store } from '../../dist/store/store.js';

const dir = process.argv[2];
const { yaml, env, batch } = JSON.parse(readFileSync(join(dir, 'setup.json'), 'utf8'));
const config = parseConfig(yaml, 'menu-patrol.yaml', env);
const store = await Store.open(join(dir, 'menu-patrol.json'));
const service = await startService({ config, store, log: () => {}, schedules: false, wechat: { puppet: new PuppetMock({ mocker: new mock.Mocker() }) } });
const queued = join(dir, 'queued');
if (!existsSync(queued)) {
  await service.outbox.enqueue(batch);
  writeFileSync(queued, '');
}
process.stdout.write('ready\n');
const official = () => service.outbox.pending().filter((m) => !(m.to.kind === 'person' && m.to.remark));
const deadline = Date.now() + 30_000;
while (official().length > 0 && Date.now() < deadline) await sleep(50);
await service.stop();
process.exit(official().length === 0 ? 0 : 1);
