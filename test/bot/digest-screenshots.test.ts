import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { ownerDigest } from '../../bot/messages/owner-digest.ts';
import { Outbox } from '../../bot/outbox.ts';
import { defaultTimeZone } from '../../config/schema.ts';
import type { Finding } from '../../core/findings.ts';
import { problem, type ProblemCode } from '../../core/problems.ts';
import { Store } from '../../store/store.ts';
import { screenshotFile } from '../helpers/screenshot-file.ts';

const at = '2026-12-07T01:00:00.000Z';

function finding(code: ProblemCode, item: string, screenshot?: string): Finding {
  const p = problem(code);
  return {
    id: JSON.stringify(['扎兰屯环境保护', '默认菜单', '办事服务', item, code]),
    account: '扎兰屯环境保护',
    menu: '默认菜单',
    path: ['办事服务', item],
    scope: 'item',
    critical: false,
    code,
    severity: p.severity,
    message: p.message,
    target: `https://sthjj.zlt.gov.cn/${item}`,
    evidence: screenshot ? { seenIn: 'rendered', screenshot } : {},
    firstSeen: at,
    lastSeen: at,
    lastRunId: 'r',
    resolvedAt: null,
    resolution: null,
  };
}

test("an owner's digest carries the screenshots of its broken pages, once each; the outbox keeps their paths, not the bytes", async (t) => {
  const shot = await screenshotFile(t);
  const hijacked = finding('hijacked', '环评公示', shot.path);
  const sameItem = finding('hidden-iframe', '环评公示', shot.path);
  const plain = finding('http-error', '排污许可');
  const message = ownerDigest('王鹏', [{ account: '扎兰屯环境保护', opened: [hijacked, sameItem, plain], reminded: [], recovered: [] }], at, defaultTimeZone);
  t.deepEqual(message.images, [shot.path]);
  const without = ownerDigest('王鹏', [{ account: '扎兰屯环境保护', opened: [plain], reminded: [], recovered: [] }], at, defaultTimeZone);
  t.is(without.images, undefined);

  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-digest-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = await Store.open(join(dir, 'menu-patrol.json'));
  const outbox = new Outbox(store, { deliver: async () => ({ ok: true, parts: 1 }) }, { gapMs: { min: 0, max: 0 } });
  await outbox.enqueue([{ to: { kind: 'person', name: '王鹏' }, message }]);
  const file = await readFile(store.file, 'utf8');
  t.true(file.includes(JSON.stringify(shot.path)));
  t.false(file.includes(shot.data.toString('base64').slice(0, 40)));
});
