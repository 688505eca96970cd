/**
 * `npm run bench`: starts the farm, runs every phase `runs` times (each in a
 * fresh process), prints the table and writes bench/results/latest.json.
 * Loopback only; every child is bounded by a watchdog and stops with the bench.
 *
 *   npm run bench                      # full scale, 3 runs
 *   npm run bench -- --runs 1 --only polite,analysis
 *   npm run bench -- --smoke           # ~500 items, shrunk service times
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config/load.ts';
import { compileBench } from './compile.ts';
import { fullScale, lowerBoundMs, buildModel, smokeScale, type FarmScale } from './farm/model.ts';
import type { FarmStats } from './farm/server.ts';
import { benchConfigSource, defaultTimeoutMs, phaseWorld, politeLimits, type PhaseName, type PhaseRequest } from './phases/common.ts';
import { markdownTable, summarize, type Row, type RunFigures } from './report.ts';

export interface BenchOptions {
  readonly scale: FarmScale;
  readonly timeoutMs: number;
  readonly runs: number;
  /** Sweeps recorded into one store in the first run's polite phase. */
  readonly storeRuns: number;
  readonly phases: readonly PhaseName[];
  readonly log: (line: string) => void;
}

export interface BenchReport {
  readonly date: string;
  readonly machine: { readonly cores: number; readonly cpu: string; readonly memoryGb: number; readonly node: string };
  readonly options: Omit<BenchOptions, 'log'>;
  readonly runs: readonly RunFigures[];
  readonly rows: readonly Row[];
}

export const allPhases: readonly PhaseName[] = ['config', 'polite', 'unrestricted', 'polite15', 'unrestricted15', 'repeat', 'linkinator', 'analysis', 'demo', 'render'];

type Spawn = (path: string, arg: unknown) => ChildProcess;

/** How the bench's child processes run: its compiled JavaScript with plain node, or (a stale build) the sources through tsx. */
function children(): Spawn {
  const compiled = compileBench();
  const execArgv = [
    ...(compiled ? [] : [`--import=${import.meta.resolve('tsx/esm')}`]),
    // BENCH_PROFILE_DIR=dir: each child (and its worker threads) writes a V8 CPU profile there, to find where the time goes.
    ...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []),
  ];
  const script = (path: string) => (compiled ? join(compiled, path.replace(/\.ts$/, '.js')) : fileURLToPath(new URL(path, import.meta.url)));
  return (path, arg) => fork(script(path), [JSON.stringify(arg)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** The next message of a child, or an error if it exits or overruns `limitMs` first (then it is killed). */
function reply<T>(child: ChildProcess, what: string, limitMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown) => {
      done();
      resolve(message as T);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`${what} exited (${code}) before answering`));
    };
    const timer = setTimeout(() => {
      done();
      child.kill();
      reject(new Error(`${what} took longer than ${Math.round(limitMs / 1000)} s; stopped`));
    }, limitMs);
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

interface Farm {
  readonly ports: readonly number[];
  ask<T>(request: 'stats' | 'reset'): Promise<T>;
  stop(): void;
}

async function startFarmProcess(spawn: Spawn, scale: FarmScale): Promise<Farm> {
  const child = spawn('./farm/main.ts', scale);
  const { ports } = await reply<{ ports: number[] }>(child, 'the farm', 120_000);
  return {
    ports,
    ask: (request) => {
      const answer = reply<never>(child, 'the farm', 30_000);
      child.send(request);
      return answer;
    },
    stop: () => child.disconnect(),
  };
}

async function runPhase(spawn: Spawn, phase: PhaseName, request: Omit<PhaseRequest, 'phase'>, farm: Farm, limitMs: number): Promise<unknown> {
  await farm.ask('reset');
  const { result } = await reply<{ result: object }>(spawn('./phases/main.ts', { ...request, phase }), `the ${phase} phase`, limitMs);
  // The farm's view only means something for phases that talk to it.
  if (!['polite', 'unrestricted', 'polite15', 'unrestricted15', 'repeat', 'linkinator'].includes(phase)) return result;
  const { stats } = await farm.ask<{ stats: FarmStats }>('stats');
  return { ...result, farm: stats };
}

export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const model = buildModel(options.scale);
  // Generous: ten times the polite floor, and never under two minutes.
  const limitMs = Math.max(120_000, 10 * lowerBoundMs(model, { ...politeLimits, timeoutMs: Math.max(options.timeoutMs, defaultTimeoutMs) }));
  const spawn = children();
  const farm = await startFarmProcess(spawn, options.scale);
  const dir = await mkdtemp(join(os.tmpdir(), 'menu-patrol-bench-'));
  const runs: RunFigures[] = [];
  try {
    const request = { scale: options.scale, ports: farm.ports, timeoutMs: options.timeoutMs, configFile: join(dir, 'config.json'), storeRuns: 0 };
    const source = benchConfigSource(phaseWorld({ ...request, phase: 'config' }), options.timeoutMs);
    await writeFile(request.configFile, JSON.stringify(parseConfig(source, 'bench.json', {})));
    for (let run = 0; run < options.runs; run++) {
      const figures: Record<string, unknown> = {};
      for (const phase of options.phases) {
        options.log(`run ${run + 1}/${options.runs}: ${phase}…`);
        figures[phase] = await runPhase(spawn, phase, { ...request, storeRuns: run === 0 ? options.storeRuns : 0 }, farm, limitMs);
      }
      runs.push(figures as RunFigures);
    }
  } finally {
    farm.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const { log: _, ...recorded } = options;
  return {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    options: recorded,
    runs,
    rows: summarize(runs),
  };
}

function heading(report: BenchReport): string {
  const { scale, runs, timeoutMs } = report.options;
  const model = buildModel(scale);
  const { machine } = report;
  return [
    `menu-patrol benchmark, ${report.date}`,
    `${scale.accounts} accounts × ${scale.itemsPerAccount} items = ${scale.accounts * scale.itemsPerAccount} items, ` +
      `${model.urls.length} unique URLs on ${scale.hosts} hosts, timeout ${timeoutMs} ms; median of ${runs} run(s)`,
    `machine: ${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GB, node ${machine.node}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '3' }, smoke: { type: 'boolean', default: false }, only: { type: 'string' } },
  });
  const phases = values.only ? (values.only.split(',') as PhaseName[]) : allPhases;
  const unknown = phases.filter((p) => !allPhases.includes(p));
  if (unknown.length > 0) throw new Error(`unknown phase ${unknown.join(', ')}; phases: ${allPhases.join(', ')}`);
  const report = await runBench({
    scale: values.smoke ? smokeScale : fullScale,
    timeoutMs: values.smoke ? 1000 : 4000,
    runs: Number(values.runs),
    storeRuns: 30,
    phases,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${heading(report)}\n\n${markdownTable(report.rows)}\n`);
  const dir = new URL('./results/', import.meta.url);
  await mkdir(dir, { recursive: true });
  // latest.json holds the full-scale figures BENCHMARKS.md quotes (committed); a smoke run does not replace them.
  await writeFile(new URL(values.smoke ? 'smoke.json' : 'latest.json', dir), `${JSON.stringify(report, null, 2)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
