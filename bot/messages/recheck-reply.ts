import type { Finding } from '../../core/findings.ts';
import type { RunResult } from '../../core/results.ts';
import { placeLabel } from '../../core/places.ts';

/** After 已整改: what is now fixed, what is still broken, and anything new. */
export function recheckReply(names: readonly string[], before: readonly Finding[], after: readonly Finding[], result: RunResult): string {
  const failed = result.accounts.filter((a) => a.error);
  if (failed.length > 0) return failed.map((a) => `复查 ${a.name} 时读取菜单失败：${a.error!.hint}`).join('\n');
  const stillOpen = new Set(after.map((f) => f.id));
  const fixed = before.filter((f) => !stillOpen.has(f.id));
  const knew = new Set(before.map((f) => f.id));
  const fresh = after.filter((f) => !knew.has(f.id));
  const remaining = after.filter((f) => knew.has(f.id));
  const lines = [`复查完成（${names.join('、')}）：`];
  if (fixed.length > 0) lines.push(`✓ 已修复 ${fixed.length} 个：`, ...fixed.map((f) => `  · ${placeLabel(f)}`));
  if (remaining.length > 0) lines.push(`✗ 仍有 ${remaining.length} 个问题：`, ...remaining.map((f) => `  · ${placeLabel(f)}：${f.message}`));
  if (fresh.length > 0) lines.push(`! 新发现 ${fresh.length} 个问题：`, ...fresh.map((f) => `  · ${placeLabel(f)}：${f.message}`));
  if (after.length === 0) lines.push('全部菜单项都能正常打开了，谢谢您的整改！');
  return lines.join('\n');
}
