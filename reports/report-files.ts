import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { UsageError } from '../core/errors.ts';
import { renderHtml, type Screenshots } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import type { Report } from './report-model.ts';
import { renderXlsx } from './xlsx.ts';

export const reportFormats = ['xlsx', 'md', 'html'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** 菜单巡检报告-2026Q4.xlsx: a name a clerk recognises in a chat or a folder. */
export function reportFileName(report: Report, format: ReportFormat): string {
  return `菜单巡检报告-${report.period.slug}.${format}`;
}

/** The screenshots the report's details name and that are still on disk, as data: URIs. */
export async function loadScreenshots(report: Report): Promise<Screenshots> {
  const files = [...new Set(report.details.flatMap((d) => d.screenshot ?? []))];
  const loaded = await Promise.all(files.map(async (f) => [f, await readFile(f).catch(() => undefined)] as const));
  return new Map(loaded.flatMap(([f, jpeg]) => (jpeg ? [[f, `data:image/jpeg;base64,${jpeg.toString('base64')}`] as const] : [])));
}

async function render(report: Report, format: ReportFormat): Promise<string | Buffer> {
  switch (format) {
    case 'xlsx':
      return renderXlsx(report);
    case 'md':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report, await loadScreenshots(report));
  }
}

export interface ReportTarget {
  readonly path: string;
  readonly format: ReportFormat;
}

const isFormat = (word: string): word is ReportFormat => (reportFormats as readonly string[]).includes(word);

/**
 * Where each asked format goes. `out` is a folder (files named by
 * reportFileName), or one file whose extension is the format: `--out
 * 报告.xlsx` writes that file, not a folder named 报告.xlsx.
 */
export function reportTargets(report: Report, format: ReportFormat | 'all', out: string): ReportTarget[] {
  const extension = extname(out).slice(1).toLowerCase();
  if (isFormat(extension)) {
    if (format !== 'all' && format !== extension) {
      throw new UsageError(`--out 的文件名以 .${extension} 结尾，和 --format ${format} 不一致。请把文件名改成 .${format} 结尾，或者 --out 写一个文件夹。`);
    }
    return [{ path: out, format: extension }];
  }
  return (format === 'all' ? reportFormats : [format]).map((f) => ({ path: join(out, reportFileName(report, f)), format: f }));
}

/** Write the report to each target; returns the paths written. */
export async function writeReportFiles(report: Report, targets: readonly ReportTarget[]): Promise<string[]> {
  for (const { path, format } of targets) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, await render(report, format));
  }
  return targets.map((t) => t.path);
}
