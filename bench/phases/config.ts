/**
 * Loading the bench's 1,000-account config the way `menu-patrol check` does
 * (YAML parser with line numbers, schema validation), in a process of its own:
 * the CLI pays this before every sweep, so its memory is shown next to the sweep's.
 */
import { parseConfig } from '../../config/load.ts';
import { benchConfigSource, measure, peakRssMb, phaseWorld, type PhaseRequest } from './common.ts';

export interface ConfigResult {
  readonly accounts: number;
  readonly wallMs: number;
  readonly peakRssMb: number;
}

export async function configLoad(request: PhaseRequest): Promise<ConfigResult> {
  const source = benchConfigSource(phaseWorld(request), request.timeoutMs);
  const run = await measure(async () => parseConfig(source, 'bench.json', {}));
  return { accounts: run.result.accounts.length, wallMs: run.wallMs, peakRssMb: peakRssMb() };
}
