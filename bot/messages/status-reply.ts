import { formatAge, formatLocal } from '../../core/time.ts';
import type { Store } from '../../store/store.ts';
import { placeLabel } from '../../core/places.ts';

/** Last results and open problems with their age, for the accounts asked about. */
export function statusReply(names: readonly string[], store: Store, now: string, timeZone: string): string {
  const last = store.lastRun();
  if (!last) return '还没有巡检记录。发送“检查 全部”开始第一次巡检。';
  const lines: string[] = [];
  for (const name of names) {
    const run = [...store.runs].reverse().find((r) => r.accounts.some((a) => a.name === name));
    const open = store.openFindings(name);
    const when = run ? `最近巡检：${formatLocal(run.run.finishedAt, timeZone)}` : '还没有巡检过';
    const unverified = run?.accounts.find((a) => a.name === name)?.items.filter((i) => i.status === 'unverified') ?? [];
    if (open.length === 0) lines.push(`✓ ${name}：没有未修复的问题（${when}）`);
    else {
      lines.push(`✗ ${name}：${open.length} 个问题未修复（${when}）`);
      for (const f of open) lines.push(`  · ${placeLabel(f)}：${f.message}，已持续 ${formatAge(f.firstSeen, now)}`);
    }
    for (const i of unverified) lines.push(`  ? ${placeLabel(i)}：未核实，${i.note ?? '请在手机上点开确认'}`);
  }
  return lines.join('\n');
}
