import type { Finding } from '../../core/findings.ts';
import { placeLabel } from '../../core/places.ts';
import { problemCatalog } from '../../core/problems.ts';
import { formatAge, formatLocal } from '../../core/time.ts';

/** One problem as an owner reads it: where, what, since when, and what to do. */
export function findingLines(f: Finding, index: number, now: string, timeZone: string, tag = ''): string[] {
  const lines = [`${index}. ${placeLabel(f)}${tag}${f.critical ? '【互动类关键菜单，打不开可能导致账号被判不合格】' : ''}`, `   问题：${f.message}`];
  if (f.target) lines.push(`   链接：${f.target}`);
  const age = Date.parse(now) - Date.parse(f.firstSeen);
  lines.push(`   发现时间：${formatLocal(f.firstSeen, timeZone)}${age >= 60_000 ? `（已持续 ${formatAge(f.firstSeen, now)}）` : ''}`);
  lines.push(`   怎么改：${problemCatalog[f.code].hint}`);
  return lines;
}

/** "（此前打不开约 3 天）" for a recovery. */
export function downFor(f: Finding): string {
  return f.resolvedAt ? `此前有问题约 ${formatAge(f.firstSeen, f.resolvedAt)}` : '';
}
