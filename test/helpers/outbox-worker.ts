/**
 * A process that drains a store's outbox into a delivery log, one line per
 * delivered message id, slowly enough to be killed in the middle.
 * Usage: node --import tsx/esm outbox-worker.ts <store.json> <deliveries.log>
 */
import { appendFileSync } from 'node:fs';
import { Outbox } from '../../bot/outbox.ts';
import { Store } from '../../store/store.ts';

const [storeFile, logFile] = process.argv.slice(2) as [string, string];
const store = await Store.open(storeFile);
const outbox = new Outbox(
  store,
  {
    async deliver(_to, message) {
      appendFileSync(logFile, `${message.title}\n`);
      return { ok: true, parts: 1 };
    },
  },
  { gapMs: { min: 20, max: 40 } },
);
outbox.start();
await outbox.idle();
await outbox.stop();
