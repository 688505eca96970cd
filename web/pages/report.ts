import type { Context } from 'hono';
import type { Config } from '../../config/load.ts';
import { buildReport } from '../../reports/build-report.ts';
import { quarterContaining } from '../../reports/period.ts';
import { reportFileName } from '../../reports/report-files.ts';
import { renderXlsx } from '../../reports/xlsx.ts';
import type { Store } from '../../store/store.ts';
import type { Viewer } from '../auth.ts';
import { visibleAccounts } from '../view-model.ts';

/** GET /report.xlsx: the current quarter's report, the same workbook as `menu-patrol report`; an owner's holds only their accounts. */
export async function reportDownload(c: Context, config: Config, store: Store, viewer: Viewer, now: Date): Promise<Response> {
  const accounts = visibleAccounts(config, viewer);
  const report = buildReport({
    register: accounts,
    ...(viewer.role === 'owner' ? { only: new Set(accounts.map((a) => a.name)) } : {}),
    runs: store.runs,
    findings: store.findings,
    rules: config.scoring,
    period: quarterContaining(now.toISOString(), config.timezone),
    now: now.toISOString(),
  });
  const name = reportFileName(report, 'xlsx');
  return c.body(new Uint8Array(await renderXlsx(report)), 200, {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    // RFC 6266: the Chinese name for browsers, an ASCII one for the rest.
    'Content-Disposition': `attachment; filename="menu-patrol-${report.period.slug}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
}
