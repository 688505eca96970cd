import type { AccountConfig } from '../config/load.ts';
import { UsageError } from '../core/errors.ts';

/** Full-width letters and digits, stray spaces and case must not matter when a clerk types a name. */
function normalize(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** A chat message is read on a phone: name ten, count the rest. */
function listed(names: readonly string[]): string {
  return names.length <= 10 ? names.join('、') : `${names.slice(0, 10).join('、')}……共 ${names.length} 个`;
}

function findOne(all: readonly AccountConfig[], wanted: string): AccountConfig {
  const exact = all.find((a) => a.name === wanted);
  if (exact) return exact;
  const key = normalize(wanted);
  // A unique prefix first (扎兰屯1 → 扎兰屯12333), then a unique part of the name (12333).
  for (const match of [(n: string) => n.startsWith(key), (n: string) => n.includes(key)]) {
    const found = all.filter((a) => match(normalize(a.name)));
    if (found.length === 1) return found[0]!;
    if (found.length > 1) throw new UsageError(`“${wanted}”对应多个账号，请写完整名称：${listed(found.map((a) => a.name))}`);
  }
  throw new UsageError(`没有找到名为“${wanted}”的账号。配置里的账号有：${listed(all.map((a) => a.name))}`);
}

/** Resolve requested names to accounts; none requested means all of them. */
export function selectAccounts(all: readonly AccountConfig[], wanted: readonly string[]): AccountConfig[] {
  return wanted.length === 0 ? [...all] : [...new Set(wanted.map((w) => findOne(all, w)))];
}
