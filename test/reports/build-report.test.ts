import test from 'ava';
import { defaultTimeZone } from '../../config/schema.ts';
import { buildReport, type ReportInput } from '../../reports/build-report.ts';
import { parsePeriod } from '../../reports/period.ts';
import { defaultRules, register, reportNow, reportStore } from '../helpers/report-fixture.ts';

async function input(t: Parameters<typeof reportStore>[0], overrides: Partial<ReportInput> = {}): Promise<ReportInput> {
  const store = await reportStore(t);
  return { register, runs: store.runs, findings: store.findings, rules: defaultRules, period: parsePeriod({ quarter: '2026Q4' }, defaultTimeZone), now: reportNow, ...overrides };
}

const results = (report: ReturnType<typeof buildReport>) => Object.fromEntries(report.rows.map((r) => [r.name, r.result]));

test('buildReport() scores each account of the register by the default rules', async (t) => {
  const report = buildReport(await input(t));
  t.true(report.hasData);
  t.deepEqual(results(report), {
    扎兰屯12333: '不合格',
    扎兰统计: '不合格',
    扎兰城管: '合格',
    扎兰屯发布: '不合格',
    扎兰屯市自然资源局: '未能读取菜单',
    扎兰屯市司法局: '合格',
    扎兰屯政务: '未巡检',
  });
  const row = (name: string) => report.rows.find((r) => r.name === name)!;
  t.like(row('扎兰屯12333'), { seq: 1, type: '微信订阅号', items: 1, openItems: 1, deduction: 1, problemTypes: '栏目无法打开 1 项' });
  t.like(row('扎兰统计'), { items: 2, openItems: 1, deduction: 2, problemTypes: '互动功能不可用 1 项、栏目无法打开 1 项（单项否决）' });
  t.deepEqual(row('扎兰统计').vetoes, ['互动交流 > 局长信箱：互动功能不可用']);
  t.deepEqual(row('扎兰屯发布').vetoes, ['走进扎兰屯 > 工作通报：网页出现赌博、色情等违法内容，疑似被篡改']);
  t.like(row('扎兰屯市司法局'), { items: 0, deduction: 0 }, 'a firewall warning needs a person, and costs nothing');
  t.like(row('扎兰屯市自然资源局'), { deduction: null, problemTypes: '菜单没能读取：读取菜单失败' });
  t.like(row('扎兰屯政务'), { type: '新浪微博', deduction: null });
  t.deepEqual(report.totals, { accounts: 7, scored: 5, qualified: 2, unqualified: 3, notScored: 2, items: 4, openItems: 3, contentItems: 0, openContentItems: 0 });
  t.deepEqual(report.sweeps, { count: 2, first: '2026-10-12T00:30:00.000Z', last: '2026-11-02T00:30:00.000Z' });
});

test('buildReport() lists every failing problem of the period with its history', async (t) => {
  const report = buildReport(await input(t));
  t.deepEqual(
    report.details.map((d) => [d.account, d.place, d.type, d.fixedAt, d.daysOpen, d.critical]),
    [
      ['扎兰屯12333', '办事服务 > 医保缴费', '栏目无法打开', null, 49, false],
      ['扎兰统计', '统计公报', '栏目无法打开', '2026-11-02T00:30:00.000Z', 21, false],
      ['扎兰统计', '互动交流 > 局长信箱', '互动功能不可用', null, 49, true],
      ['扎兰屯发布', '走进扎兰屯 > 工作通报', '内容被篡改', null, 49, false],
    ],
  );
  t.regex(report.details[0]!.link ?? '', /^https:\/\/www\.zlt\.gov\.cn\//);
  t.false(report.details.some((d) => d.problem.includes('本单位网站以外')), 'warnings are not failures');
});

test('buildReport() flags an account found unqualified in two quarters of the year', async (t) => {
  t.deepEqual(buildReport(await input(t)).repeatOffenders, [{ account: '扎兰屯12333', quarters: ['第三季度', '第四季度'] }]);
  const q3 = buildReport(await input(t, { period: parsePeriod({ quarter: '2026Q3' }, defaultTimeZone) }));
  t.deepEqual(q3.repeatOffenders, [], 'once is not yet twice');
  t.deepEqual(results(q3), { 扎兰屯12333: '不合格', 扎兰统计: '合格', 扎兰城管: '合格', 扎兰屯发布: '未巡检', 扎兰屯市自然资源局: '未巡检', 扎兰屯市司法局: '未巡检', 扎兰屯政务: '未巡检' });
});

test('buildReport() follows configured rules: a national pass line, no interaction veto', async (t) => {
  const national = buildReport(await input(t, { rules: { ...defaultRules, passLine: 60 } }));
  t.like(results(national), { 扎兰屯12333: '合格', 扎兰统计: '不合格', 扎兰屯发布: '不合格' });
  t.true(national.ruleLines.some((l) => l.includes('低于 60 分为不合格')));

  const lenient = buildReport(await input(t, { rules: { ...defaultRules, passLine: 60, vetoCritical: false, vetoProblems: [] } }));
  t.like(results(lenient), { 扎兰统计: '合格', 扎兰屯发布: '合格' });
  t.false(lenient.ruleLines.some((l) => l.includes('单项否决')));

  const heavy = buildReport(await input(t, { rules: { ...defaultRules, pointsPerItem: 30, passLine: 60, vetoCritical: false, vetoProblems: [] } }));
  t.like(results(heavy), { 扎兰屯12333: '合格', 扎兰统计: '不合格' }, '2 items × 30 points leaves 40 < 60');
});

test('buildReport() counts open problems at the end of each week up to the report time', async (t) => {
  const report = buildReport(await input(t));
  t.deepEqual(
    report.weekly.map((w) => `${w.firstDay}:${w.open}`),
    ['2026-10-01:0', '2026-10-05:0', '2026-10-12:4', '2026-10-19:4', '2026-10-26:4', '2026-11-02:3', '2026-11-09:3', '2026-11-16:3', '2026-11-23:3', '2026-11-30:3'],
  );
});

test('buildReport() says a period has no data instead of scoring nobody', async (t) => {
  const report = buildReport(await input(t, { period: parsePeriod({ quarter: '2026Q1' }, defaultTimeZone) }));
  t.false(report.hasData);
  t.deepEqual(report.rows, []);
  t.deepEqual(report.stored, { first: '2026-08-10T00:30:00.000Z', last: '2026-11-02T00:30:00.000Z' });
});

test('buildReport() still scores a quarter whose run records were pruned, from the findings', async (t) => {
  const report = buildReport(await input(t, { runs: [] }));
  t.true(report.hasData);
  t.is(report.sweeps.count, 0);
  t.like(results(report), { 扎兰屯12333: '不合格', 扎兰统计: '不合格', 扎兰屯发布: '不合格' });
});

test('buildReport() gives an owner only their own accounts, and keeps accounts that left the register', async (t) => {
  const own = buildReport(await input(t, { only: new Set(['扎兰统计', '扎兰屯政务']) }));
  t.deepEqual(own.rows.map((r) => r.name), ['扎兰统计', '扎兰屯政务']);
  t.true(own.details.every((d) => d.account === '扎兰统计'));
  const shorter = buildReport(await input(t, { register: register.filter((a) => a.name !== '扎兰屯发布') }));
  t.deepEqual(shorter.rows.at(-1), { ...shorter.rows.at(-1)!, name: '扎兰屯发布', result: '不合格', unit: '' });
});
