import { access } from 'node:fs/promises';
import { loadConfig, type Config } from '../../config/load.ts';
import { configSchema, defaultTimeZone } from '../../config/schema.ts';
import { buildReport } from '../../reports/build-report.ts';
import { parsePeriod } from '../../reports/period.ts';
import { registerFromRuns } from '../../reports/register-from-runs.ts';
import { reportTargets, writeReportFiles, type ReportFormat } from '../../reports/report-files.ts';
import { noDataLines } from '../../reports/wording.ts';
import { Store } from '../../store/store.ts';
import { exitCodes, type CliIo } from '../io.ts';

export interface ReportOptions {
  readonly quarter?: string;
  readonly from?: string;
  readonly to?: string;
  readonly format: ReportFormat | 'all';
  readonly out: string;
  readonly db: string;
  /** Given: it must load. Not given: the default file if there is one, else the accounts the store has seen. */
  readonly config?: string;
  readonly defaultConfig: string;
}

async function configFor(options: ReportOptions, io: CliIo): Promise<Config | null> {
  if (options.config !== undefined) return loadConfig(options.config, io.env);
  const found = await access(options.defaultConfig).then(
    () => true,
    () => false,
  );
  return found ? loadConfig(options.defaultConfig, io.env) : null;
}

/** Write the period's report in the asked formats and say where; a period with no sweeps gets a report that says so. */
export async function runReport(options: ReportOptions, io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const config = await configFor(options, io);
  const period = parsePeriod(options, config?.timezone ?? defaultTimeZone);
  const store = await Store.open(options.db);
  if (!config) io.stderr(`注意：没有找到配置文件 ${options.defaultConfig}，账号名单取自数据文件里的巡检记录，计分规则用默认值。\n`);
  const report = buildReport({
    register: config?.accounts ?? registerFromRuns(store.runs),
    runs: store.runs,
    findings: store.findings,
    rules: config?.scoring ?? configSchema.shape.scoring.parse(undefined),
    period,
    now: now().toISOString(),
  });
  const paths = await writeReportFiles(report, reportTargets(report, options.format, options.out));
  const { totals } = report;
  io.stdout(
    (report.hasData
      ? `已生成${period.label}的菜单巡检报告（数据文件 ${options.db}）：${totals.accounts} 个账号，合格 ${totals.qualified} 个，不合格 ${totals.unqualified} 个。\n`
      : `${noDataLines(report).join('\n')}\n（报告里也写明了这一点。）\n`) + paths.map((p) => `  ${p}\n`).join(''),
  );
  return exitCodes.ok;
}
