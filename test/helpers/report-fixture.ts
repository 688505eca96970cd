import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecutionContext } from 'ava';
import { configSchema, type ScoringRules } from '../../config/schema.ts';
import type { RegisterEntry } from '../../reports/build-report.ts';
import { Store } from '../../store/store.ts';
import { account, item, miniprogramItem, run } from './results.ts';

/**
 * A real lowdb store holding two quarters of sweeps of a small register, with a
 * fixed report clock, so report tests and snapshots never depend on today.
 *
 * Q3: 扎兰屯12333 has a broken link, fixed a week later.
 * Q4: 扎兰屯12333 breaks again (its second bad quarter); 扎兰统计's 局长信箱
 * stops replying (interaction: single veto) and a page of it 404s until the
 * second sweep; 扎兰屯发布 links a hijacked page (single veto); 扎兰城管 is
 * clean; 自然资源局's menu can never be read; 司法局 is only seen in the
 * second sweep, with a firewall warning (not scored); 扎兰屯政务 is Weibo.
 */

export const reportNow = '2026-11-30T04:00:00.000Z';

export const register: readonly RegisterEntry[] = [
  { name: '扎兰屯12333', platform: 'wechat-subscription', unit: '扎兰屯市人力资源和社会保障局' },
  { name: '扎兰统计', platform: 'wechat-subscription', unit: '扎兰屯市统计局' },
  { name: '扎兰城管', platform: 'wechat-subscription', unit: '扎兰屯市城市管理综合执法局' },
  { name: '扎兰屯发布', platform: 'wechat-subscription', unit: '扎兰屯市融媒体中心' },
  { name: '扎兰屯市自然资源局', platform: 'wechat-subscription', unit: '扎兰屯市自然资源局' },
  { name: '扎兰屯市司法局', platform: 'wechat-service', unit: '扎兰屯市司法局' },
  { name: '扎兰屯政务', platform: 'weibo', unit: '扎兰屯市人民政府办公室' },
];

export const defaultRules: ScoringRules = configSchema.shape.scoring.parse(undefined);

const weibo = { name: '扎兰屯政务', reason: '新浪微博账号没有自定义菜单，不需要巡检菜单' };

function runs() {
  return [
    run('q3-a', '2026-08-10T00:30:00.000Z', [account('扎兰屯12333', [item('办事服务/社保查询', ['http-error']), item('政务公开')]), account('扎兰统计', [item('统计公报')]), account('扎兰城管', [item('便民服务')])]),
    run('q3-b', '2026-08-17T00:30:00.000Z', [account('扎兰屯12333', [item('办事服务/社保查询'), item('政务公开')]), account('扎兰统计', [item('统计公报')]), account('扎兰城管', [item('便民服务')])]),
    run('q4-a', '2026-10-12T00:30:00.000Z', [
      account('扎兰屯12333', [item('办事服务/社保查询'), item('办事服务/医保缴费', ['soft-404'])]),
      account('扎兰统计', [item('统计公报', ['soft-404']), item('互动交流/局长信箱', ['click-timeout'])]),
      account('扎兰城管', [item('便民服务')]),
      account('扎兰屯发布', [item('走进扎兰屯/工作通报', ['hijacked', 'redirect-offsite'])]),
      account('扎兰屯市自然资源局', [], true),
    ]),
    run('q4-b', '2026-11-02T00:30:00.000Z', [
      account('扎兰屯12333', [item('办事服务/社保查询'), item('办事服务/医保缴费', ['soft-404'])]),
      account('扎兰统计', [item('统计公报'), item('互动交流/局长信箱', ['click-timeout'])]),
      account('扎兰城管', [item('便民服务'), miniprogramItem('便民服务/停车缴费')]),
      account('扎兰屯发布', [item('走进扎兰屯/工作通报', ['hijacked', 'redirect-offsite'])]),
      account('扎兰屯市自然资源局', [], true),
      account('扎兰屯市司法局', [item('政务公开', ['blocked-by-waf'])]),
    ]),
  ].map((r) => ({ ...r, notChecked: [weibo] }));
}

/** The store on disk in a temp dir, removed after the test. */
export async function reportStore(t: ExecutionContext): Promise<Store> {
  const dir = await mkdtemp(join(tmpdir(), 'menu-patrol-report-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const store = await Store.open(join(dir, 'menu-patrol.json'));
  for (const r of runs()) await store.recordRun(r);
  return Store.open(store.file);
}
