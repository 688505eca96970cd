import test from 'ava';
import { defaultTimeZone } from '../../config/schema.ts';
import { buildReport } from '../../reports/build-report.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { parsePeriod } from '../../reports/period.ts';
import { defaultRules, register, reportNow, reportStore } from '../helpers/report-fixture.ts';

test('renderMarkdown() summarises the quarter: overview, failures, repeat offenders, rules', async (t) => {
  const store = await reportStore(t);
  const report = buildReport({ register, runs: store.runs, findings: store.findings, rules: defaultRules, period: parsePeriod({ quarter: '2026Q4' }, defaultTimeZone), now: reportNow });
  t.snapshot(renderMarkdown(report));
});

test('renderMarkdown() says plainly that a period has no sweeps', async (t) => {
  const store = await reportStore(t);
  const report = buildReport({ register, runs: store.runs, findings: store.findings, rules: defaultRules, period: parsePeriod({ quarter: '2026Q1' }, defaultTimeZone), now: reportNow });
  const text = renderMarkdown(report);
  t.snapshot(text);
  t.notRegex(text, /不合格账号|合格账号|计分规则/);
});
