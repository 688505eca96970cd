import test from 'ava';
import { applyRun } from '../../core/findings.ts';
import { renderSummary } from '../../cli/render-summary.ts';
import { defaultMenu } from '../../core/menu.ts';
import type { ItemResult } from '../../core/results.ts';
import { structureProblems } from '../../core/menu-structure.ts';
import { account, item, miniprogramItem, run } from '../helpers/results.ts';

/** A failing page the browser photographed: the summary says where the picture is. */
const photographed = (i: ItemResult): ItemResult => ({ ...i, problems: i.problems.map((p) => ({ ...p, evidence: { ...p.evidence, screenshot: 'data/evidence/2026-11-26/5d41402abc4b2a76.jpg' } })) });

const before = run('r1', '2026-11-25T00:30:00.000Z', [account('扎兰屯12333', [item('办事服务/社保查询', ['soft-404'])])]);

const now = {
  ...run('r2', '2026-11-26T00:30:12.000Z', [
    account('扎兰屯12333', [item('办事服务/社保查询', ['soft-404']), photographed(item('办事服务/医保缴费', ['hijacked', 'redirect-offsite'])), item('政务公开')]),
    { ...account('扎兰统计', [item('统计公报'), item('数据发布', ['blocked-by-waf']), item('互动交流/局长信箱', ['click-timeout']), miniprogramItem('办事服务/预约小程序')]), problems: structureProblems([{ name: '互动交流' }, {}, {}, {}], defaultMenu) },
    account('扎兰屯市司法局', [], true),
  ]),
  notChecked: [{ name: '扎兰屯政务', reason: '新浪微博账号没有自定义菜单，不需要巡检菜单' }],
};

test('renderSummary() shows the overview, one row per account and what to do for each problem', (t) => {
  const first = applyRun([], before);
  const { findings, changes } = applyRun(first.findings, { ...now, run: { ...now.run, startedAt: '2026-11-26T00:30:00.000Z' } });
  t.snapshot(renderSummary({ ...now, run: { ...now.run, startedAt: '2026-11-26T00:30:00.000Z' } }, { color: false, findings, changes, timeZone: 'Asia/Shanghai' }));
});

test('renderSummary() says so when everything opens', (t) => {
  const clean = run('r3', '2026-11-26T00:30:00.000Z', [account('扎兰统计', [item('统计公报')])]);
  const { findings, changes } = applyRun([], clean);
  const text = renderSummary(clean, { color: false, findings, changes, timeZone: 'Asia/Shanghai' });
  t.regex(text, /所有菜单项都能正常打开/);
  t.notRegex(text, /问题明细/);
});

test('renderSummary() shows every time in the configured zone', (t) => {
  const first = applyRun([], before);
  const { findings, changes } = applyRun(first.findings, now);
  const text = renderSummary(now, { color: false, findings, changes, timeZone: 'America/New_York' });
  // 00:30 UTC on 26 November is 19:30 the evening before in New York.
  t.regex(text, /菜单巡检结果（2026-11-25 19:30:12，/);
  t.regex(text, /首次发现：2026-11-24 19:30（已持续 1 天）/);
  t.snapshot(text);
});
