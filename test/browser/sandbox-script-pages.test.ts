import { readFile } from 'node:fs/promises';
import test from 'ava';
import { demoFor } from '../helpers/demo.ts';

interface JsonItem {
  path: string[];
  status: string;
  problems: { code: string; message: string; evidence: { seenIn?: string; screenshot?: string } }[];
}

test('the demo with its browser: the working script-built page is ok, the white screen and the script-injected hijack are caught with a screenshot', async (t) => {
  const demo = await demoFor(t, { browser: true });
  const rendered = [...demo.sandbox.expected, ...demo.sandbox.traps].filter((e) => e.seenIn === 'rendered');
  t.is(rendered.length, 3);
  const accounts = [...new Set(rendered.map((e) => e.account))];
  const { stdout } = await demo.run('check', '--json', '-c', demo.configPath, '--db', demo.db, '--account', ...accounts);
  const out = JSON.parse(stdout) as { accounts: { name: string; items: JsonItem[] }[] };
  const itemOf = (account: string, path: readonly string[]) => out.accounts.find((a) => a.name === account)?.items.find((i) => i.path.join('>') === path.join('>'));

  for (const trap of demo.sandbox.traps.filter((e) => e.seenIn === 'rendered')) t.is(itemOf(trap.account, trap.path)?.status, 'ok', trap.why);
  for (const e of demo.sandbox.expected.filter((x) => x.seenIn === 'rendered')) {
    const item = itemOf(e.account, e.path);
    t.deepEqual(item?.problems.map((p) => p.code), [e.code], e.why);
    const evidence = item?.problems[0]?.evidence;
    t.is(evidence?.seenIn, 'rendered');
    const jpeg = await readFile(evidence?.screenshot ?? '');
    t.is(jpeg.subarray(0, 3).toString('hex'), 'ffd8ff', 'a JPEG');
    t.true(jpeg.length > 5_000, `${jpeg.length} bytes`);
  }
});
