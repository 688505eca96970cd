/**
 * One phase in a fresh process: its CPU time and peak memory are its own,
 * and linkinator's global HTTP agents cannot leak into our runs. Only the
 * phase that runs is loaded: a sweep's peak RSS must not hold linkinator,
 * Chromium's driver or the sandbox (28 MB when every phase was imported).
 */
import { keepHeapTight } from '../../cli/heap-policy.ts';
import { defaultTimeoutMs, type PhaseName, type PhaseRequest } from './common.ts';

// As bin/menu-patrol.js starts the program: the phases measure it as it runs.
keepHeapTight();

type Phase = (request: PhaseRequest) => Promise<unknown>;

const phases: Record<PhaseName, () => Promise<Phase>> = {
  config: async () => (await import('./config.ts')).configLoad,
  polite: async () => (await import('./polite.ts')).politeSweep,
  unrestricted: async () => (await import('./unrestricted.ts')).unrestrictedCheck,
  // The same sweeps at the product's default timeout, where hanging URLs cost what they cost an office.
  polite15: async () => {
    const { politeSweep } = await import('./polite.ts');
    return (request) => politeSweep({ ...request, timeoutMs: defaultTimeoutMs, storeRuns: 0 });
  },
  unrestricted15: async () => {
    const { unrestrictedCheck } = await import('./unrestricted.ts');
    return (request) => unrestrictedCheck({ ...request, timeoutMs: defaultTimeoutMs });
  },
  repeat: async () => (await import('./repeat.ts')).repeatSweeps,
  linkinator: async () => (await import('./linkinator.ts')).linkinatorCheck,
  analysis: async () => (await import('./analysis.ts')).analysisOnly,
  demo: async () => (await import('./demo.ts')).demoSweep,
  render: async () => (await import('./render.ts')).renderCost,
};

const request = JSON.parse(process.argv[2] ?? '') as PhaseRequest;
const phase = await phases[request.phase]();
const result = await phase(request);
process.send?.({ result }, () => process.exit(0));
