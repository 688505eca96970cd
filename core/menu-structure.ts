import { problem, type Problem } from './problems.ts';

/** A problem of the menu as a whole, or of one place in it (path [] = the whole menu). */
export interface MenuProblem extends Problem {
  readonly menu: string;
  readonly path: readonly string[];
}

type Raw = Record<string, unknown>;
const isRecord = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : isRecord(v) && Array.isArray(v.list) ? v.list : []);
const nameOf = (b: Raw, fallback: string) => (typeof b.name === 'string' && b.name.trim()) || fallback;

/** WeChat's limits (wechat-platform.md §2.4): beyond them a menu is cut off on screen or cannot be saved. */
const limits = { top: 3, sub: 5, topNameBytes: 16, subNameBytes: 60 };

/** Structure problems of one `button` array, in either of WeChat's shapes. */
export function structureProblems(buttons: unknown, menu: string): MenuProblem[] {
  const out: MenuProblem[] = [];
  const add = (path: string[], detail: string) => out.push({ ...problem('menu-structure', detail, { path }), menu, path });
  const tops = list(buttons).filter(isRecord);
  if (tops.length > limits.top) add([], `一级菜单有 ${tops.length} 个，微信最多 ${limits.top} 个`);
  tops.forEach((top, i) => {
    const name = nameOf(top, `菜单${i + 1}`);
    if (Buffer.byteLength(name) > limits.topNameBytes) add([name], `一级菜单名称“${name}”超过 ${limits.topNameBytes} 个字节，约 5 个汉字，手机上会显示不全`);
    const subs = list(top.sub_button).filter(isRecord);
    if (top.type === undefined && subs.length === 0) add([name], `一级菜单“${name}”既没有子菜单，也没有设置点击后的动作`);
    if (subs.length > limits.sub) add([name], `“${name}”下有 ${subs.length} 个子菜单，微信最多 ${limits.sub} 个`);
    subs.forEach((sub, j) => {
      const subName = nameOf(sub, `子菜单${j + 1}`);
      if (Buffer.byteLength(subName) > limits.subNameBytes) add([name, subName], `子菜单名称“${subName}”超过 ${limits.subNameBytes} 个字节，手机上会显示不全`);
    });
  });
  return out;
}
