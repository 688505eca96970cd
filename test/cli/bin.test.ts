import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import test from 'ava';
import { repoRoot } from '../helpers/paths.ts';

const run = promisify(execFile);

test('the bin runs the compiled build (npm test builds it first)', async (t) => {
  const { stdout } = await run(process.execPath, [join(repoRoot, 'bin', 'menu-patrol.js'), '--help'], { cwd: repoRoot });
  t.regex(stdout, /菜单巡检/);
});

test('without dist/, the bin says in Chinese to run npm run build and exits 2', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-bin-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'bin'));
  await copyFile(join(repoRoot, 'bin', 'menu-patrol.js'), join(dir, 'bin', 'menu-patrol.js'));
  const error = await t.throwsAsync<Error & { code: number; stderr: string }>(run(process.execPath, [join(dir, 'bin', 'menu-patrol.js'), 'check'], { cwd: dir }));
  t.is(error?.code, 2);
  t.snapshot(error?.stderr);
});
