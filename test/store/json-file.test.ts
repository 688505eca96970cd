import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { JsonFile, writeJsonSync } from '../../store/json-file.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

async function tempDir(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-json-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Everything JSON.stringify treats specially, nested deeper than the writer splits. */
const awkward = {
  version: 4,
  empty: { object: {}, array: [], string: '' },
  dropped: { fn: () => 1, missing: undefined, kept: null },
  inArrays: [undefined, () => 1, Symbol('s'), null, false, 0, -1.5e-7],
  dates: { at: new Date('2026-12-01T00:30:00Z') },
  text: ['扎兰屯12333 \n "办事服务"\t\\', '\u2028\u2029', 'é🙂'],
  'key "quoted"\n': { deep: { deeper: { deepest: { bottom: [1, [2, [3, { four: 4 }]]] } } } },
  runs: [{ accounts: [{ items: [{ path: ['政务公开', '通知公告'], problems: [{ evidence: { chain: [] } }] }] }] }],
};

test('the file holds exactly what JSON.stringify(data, null, 2) gives', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'awkward.json');
  writeJsonSync(file, awkward);
  t.is(await readFile(file, 'utf8'), JSON.stringify(awkward, null, 2));
});

test('the same for a store-sized value written in many pieces', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'large.json');
  const random = seededRandom(18);
  const data = {
    urls: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`http://u${i % 200}.bench.gov.cn/m/${i}.html`, { at: '2026-12-01T00:30:00.000Z', elapsedMs: Math.floor(random() * 4000), flagged: random() < 0.05 }])),
    runs: Array.from({ length: 3 }, (_, r) => ({ id: `r${r}`, accounts: Array.from({ length: 300 }, (_, a) => ({ name: `基准账号${a}`, items: [{ status: 'ok', problems: [] }] })) })),
  };
  writeJsonSync(file, data);
  const expected = JSON.stringify(data, null, 2);
  t.true(expected.length > 2 << 20, 'bigger than the write buffer');
  t.is(await readFile(file, 'utf8'), expected);
});

test('a missing file reads as null; saves made at once all land, the last data wins, no temp file is left', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'menu-patrol.json');
  const adapter = new JsonFile<{ n: number }>(file);
  t.is(await adapter.read(), null);
  await Promise.all([1, 2, 3].map((n) => adapter.write({ n })));
  t.deepEqual(await adapter.read(), { n: 3 });
  t.deepEqual(await readdir(dir), ['menu-patrol.json']);
});

test('a save that fails rejects, and the next save still happens', async (t) => {
  const dir = await tempDir(t);
  const adapter = new JsonFile<{ n: number }>(join(dir, 'later', 'menu-patrol.json'));
  await t.throwsAsync(adapter.write({ n: 1 }), { code: 'ENOENT' });
  await mkdir(join(dir, 'later'));
  await adapter.write({ n: 2 });
  t.deepEqual(await adapter.read(), { n: 2 });
});
