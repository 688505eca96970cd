import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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

/** Write the report in each format into dir; returns the paths written. */
export async function writeReportFiles(report: Report, formats: readonly ReportFormat[], dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const format of formats) {
    const path = join(dir, reportFileName(report, format));
    await writeFile(path, await render(report, format));
    paths.push(path);
  }
  return paths;
}
