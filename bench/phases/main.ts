/**
 * One phase in a fresh process: its CPU time and peak memory are its own,
 * and linkinator's global HTTP agents cannot leak into our runs.
 */
import { analysisOnly } from './analysis.ts';
import { defaultTimeoutMs, type PhaseName, type PhaseRequest } from './common.ts';
import { configLoad } from './config.ts';
import { demoSweep } from './demo.ts';
import { linkinatorCheck } from './linkinator.ts';
import { politeSweep } from './polite.ts';
import { repeatSweeps } from './repeat.ts';
import { renderCost } from './render.ts';
import { unrestrictedCheck } from './unrestricted.ts';

const phases: Record<PhaseName, (request: PhaseRequest) => Promise<unknown>> = {
  config: configLoad,
  polite: politeSweep,
  unrestricted: unrestrictedCheck,
  // The same sweeps at the product's default timeout, where hanging URLs cost what they cost an office.
  polite15: (request) => politeSweep({ ...request, timeoutMs: defaultTimeoutMs, storeRuns: 0 }),
  unrestricted15: (request) => unrestrictedCheck({ ...request, timeoutMs: defaultTimeoutMs }),
  repeat: repeatSweeps,
  linkinator: linkinatorCheck,
  analysis: analysisOnly,
  demo: demoSweep,
  render: renderCost,
};

const request = JSON.parse(process.argv[2] ?? '') as PhaseRequest;
const result = await phases[request.phase](request);
process.send?.({ result }, () => process.exit(0));
