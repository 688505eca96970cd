/**
 * The farm as a child process of the benchmark, so its work never competes
 * with the measured checker's event loop or shows in its CPU and memory
 * figures. It stops when the benchmark disconnects, whatever happened.
 */
import { buildModel, type FarmScale } from './model.ts';
import { startFarm } from './server.ts';

export type FarmRequest = 'stats' | 'reset' | 'close';

const scale = JSON.parse(process.argv[2] ?? '') as FarmScale;
const farm = await startFarm(buildModel(scale));
const send = (message: unknown) => process.send?.(message);

async function stop(): Promise<never> {
  await farm.close();
  process.exit(0);
}

process.on('disconnect', () => void stop());
process.on('message', (request: FarmRequest) => {
  if (request === 'stats') send({ stats: farm.stats() });
  if (request === 'reset') {
    farm.resetStats();
    send({ reset: true });
  }
  if (request === 'close') void stop();
});
send({ ports: farm.ports });
