import type { Finding, FindingChanges } from '../../core/findings.ts';
import type { RunResult } from '../../core/results.ts';
import { placeLabel } from '../../core/places.ts';

/** Problems listed in a chat answer before "…and N more": a phone screen, not a report. */
const maxListed = 15;

/** The single combined answer to a chat-triggered check. */
export function checkReply(result: RunResult, changes: FindingChanges, findings: readonly Finding[]): string {
  const s = result.summary;
  const lines = [`巡检完成：${s.accounts} 个公众号、${s.items} 个菜单项，正常 ${s.ok}，有问题 ${s.fail}，需人工确认 ${s.warn}，未核实 ${s.unverified}。`];
  const open = new Map(findings.filter((f) => f.resolvedAt === null).map((f) => [f.id, f]));
  const listed: string[] = [];
  for (const a of result.accounts) {
    if (a.error) listed.push(`✗ ${a.name}：${a.error.message}。${a.error.hint}`);
    const mine = [...open.values()].filter((f) => f.account === a.name && f.lastRunId === result.run.id);
    for (const f of mine) listed.push(`${f.severity === 'fail' ? '✗' : '!'} ${a.name}｜${placeLabel(f)}：${f.message}${f.critical ? '【互动类关键菜单】' : ''}`);
  }
  lines.push(...listed.slice(0, maxListed));
  if (listed.length > maxListed) lines.push(`……另有 ${listed.length - maxListed} 个问题，发送“状态 账号名”查看。`);
  if (listed.length === 0) lines.push(s.unverified > 0 ? '检查到的菜单项都能正常打开。' : '所有菜单项都能正常打开。');
  if (s.unverified > 0) lines.push(`另有 ${s.unverified} 个菜单项（小程序、图片或语音）无法自动核实，请在手机上点开确认。`);
  if (changes.opened.length > 0) lines.push(`其中新发现 ${changes.opened.length} 个问题，已通知各账号负责人。`);
  if (changes.resolved.length > 0) lines.push(`已修复 ${changes.resolved.length} 个问题。`);
  return lines.join('\n');
}
