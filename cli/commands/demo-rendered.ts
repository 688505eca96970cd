import { placeLabel } from '../../core/places.ts';
import type { RunResult } from '../../core/results.ts';
import type { Sandbox } from '../../sandbox/index.ts';
import { screenshotOf } from '../../store/evidence.ts';
import type { CliIo } from '../io.ts';

/**
 * Part one's coda: the sandbox's script-built pages (their delivered HTML is
 * the same whether they work or not) as the browser judged them, with where
 * each screenshot was written.
 */
export function demoRendered(sandbox: Sandbox, result: RunResult | undefined, io: CliIo): void {
  const places = [...sandbox.traps, ...sandbox.expected].filter((e) => e.seenIn === 'rendered');
  const lines = places.flatMap((place) => {
    const item = result?.accounts.find((a) => a.name === place.account)?.items.find((i) => i.menu === place.menu && i.path.join('>') === place.path.join('>'));
    if (!item) return [];
    const where = `${place.account}｜${placeLabel(item)}`;
    if (item.status === 'ok') return [`  ✓ ${where}：正常（脚本生成的内容显示出来了）`];
    const screenshot = item.problems.map((p) => screenshotOf(p.evidence)).find((f) => f !== undefined);
    return [`  ✗ ${where}：${item.problems.map((p) => p.message).join('；')}`, ...(screenshot ? [`     截图已保存：${screenshot}`] : [])];
  });
  if (lines.length === 0) return;
  io.stdout(
    `\n其中 ${lines.filter((l) => /^ {2}[✓✗]/.test(l)).length} 个网页的内容靠脚本生成，服务器发来的网页看不出好坏，巡检程序用自带的浏览器像手机一样打开后判断：\n${lines.join('\n')}\n`,
  );
}
