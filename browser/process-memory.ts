import { readdir, readFile } from 'node:fs/promises';

/** Resident memory of the process and all its descendants (Chromium's renderers), in bytes; undefined off Linux. */
export async function treeRssBytes(root: number): Promise<number | undefined> {
  if (process.platform !== 'linux') return undefined;
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
    const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    if (!Number.isFinite(ppid)) continue;
    rss.set(Number(entry), kb * 1024);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let total = 0;
  const stack = [root];
  for (let pid = stack.pop(); pid !== undefined; pid = stack.pop()) {
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}
