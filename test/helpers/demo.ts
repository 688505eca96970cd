import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { defaultTimeZone } from '../../config/schema.ts';
import { main } from '../../cli/main.ts';
import type { CliIo } from '../../cli/io.ts';
import { quarterContaining, type Period } from '../../reports/period.ts';
import { writeDemoConfig, type DemoConfigOptions } from '../../sandbox/demo-config.ts';
import type { Sandbox, SandboxOptions } from '../../sandbox/index.ts';
import { Store } from '../../store/store.ts';
import { sandboxFor } from '../sandbox/helpers.ts';

export interface Demo {
  readonly sandbox: Sandbox;
  readonly configPath: string;
  readonly db: string;
  readonly env: Record<string, string>;
  readonly dir: string;
  /** Run the CLI as a user would, capturing what it prints. */
  run(...argv: string[]): Promise<CliRun>;
  /** The same with another environment (e.g. a secret missing). */
  runWithEnv(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun>;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function runCli(env: NodeJS.ProcessEnv, argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), tty: false, env };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/**
 * The sandbox with its config written to a temp dir, for CLI-level tests. The
 * browser is off unless a test asks for it: screenshots of every failing page
 * cost seconds a sweep, and test/browser/ covers them.
 */
export async function demoFor(t: ExecutionContext, options: SandboxOptions & DemoConfigOptions = {}): Promise<Demo> {
  const sandbox = await sandboxFor(t, options);
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const { configPath, env } = await writeDemoConfig(sandbox, dir, { browser: options.browser ?? false });
  const db = join(dir, 'data', 'menu-patrol.json');
  return {
    sandbox,
    configPath,
    db,
    env,
    dir,
    run: (...argv) => runCli(env, argv),
    runWithEnv: (other, ...argv) => runCli(other, argv),
  };
}

/** The owner "fixes" a broken page: the sandbox site serves a healthy page at that address from now on. */
export function repairPage(demo: Demo, pageUrl: string): Promise<void> {
  const url = new URL(pageUrl);
  return demo.sandbox.farm.repair(url.hostname, url.pathname + url.search);
}

/** The quarter of the demo's last recorded sweep, not of the real date, which may have moved on at midnight. */
export async function sweptQuarter(demo: Demo): Promise<Period> {
  const last = (await Store.open(demo.db)).lastRun();
  if (!last) throw new Error('the demo has not been swept yet');
  return quarterContaining(last.run.finishedAt, defaultTimeZone);
}
