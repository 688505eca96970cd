import { renderMarkdown } from '../../reports/markdown.ts';
import type { Report } from '../../reports/report-model.ts';

/** The quarter's summary as the report's Markdown, saying the table follows as a file. */
export function reportReply(report: Report): string {
  return report.hasData ? `${renderMarkdown(report)}\n统计表（Excel，可直接打印）随后以文件发送。` : renderMarkdown(report);
}
