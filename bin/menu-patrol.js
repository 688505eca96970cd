#!/usr/bin/env node
/**
 * Always the compiled build (dist/, made by `npm ci` through the `prepare`
 * script and by `npm run build`): what runs never depends on which file was
 * edited last. Developers run the sources with `npm run dev -- <command>`.
 */
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(entry)) {
  const { keepHeapTight } = await import(new URL('../dist/cli/heap-policy.js', import.meta.url).href);
  keepHeapTight();
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv.slice(2));
} else {
  process.stderr.write('没有找到编译好的程序（dist 目录）。请在 menu-patrol 目录里运行 npm run build 后再试（npm ci 安装时会自动完成这一步）。\n');
  process.exitCode = 2;
}
