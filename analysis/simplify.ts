/**
 * OpenCC's Taiwan → mainland conversion, skipping the text it would leave
 * unchanged. Converting walks a trie per character and is as slow as parsing
 * the whole page, yet on simplified pages it changes nothing: a dictionary
 * entry can only match where the text contains one of its characters. So the
 * text is split at characters no entry contains (no match can cross them),
 * and only the pieces that hold a "trigger" go through the converter: a
 * single-character entry, or a whole multi-character entry none of whose
 * characters is an entry by itself (一目瞭然, 想像 …).
 */
import { ConverterBuilder, type DictGroup, type DictLike } from 'opencc-js/core';
import { configs, from, to } from 'opencc-js/preset/t2cn';

type Config = { readonly segmentation: DictLike | DictGroup; readonly conversionChain: readonly DictGroup[]; readonly normalizationChain?: readonly DictGroup[] };

/** A dictionary's entries as [source, target] pairs; opencc-js ships them as "source target|…" strings or as pairs. */
function pairsOf(dict: DictLike): (readonly [string, string])[] {
  return typeof dict === 'string' ? dict.split('|').map((line) => line.split(' ') as [string, string]) : (dict as [string, string][]);
}

/** Every source string of every dictionary the tw → cn conversion uses. */
function entries(config: Config): string[] {
  const dicts = [...(config.normalizationChain ?? []), [config.segmentation].flat(), ...config.conversionChain].flat() as DictLike[];
  return dicts.flatMap(pairsOf).map(([source]) => source ?? '');
}

const codePoints = (entry: string) => [...entry].map((c) => c.codePointAt(0) ?? 0);

/**
 * Single characters the conversion always gives back unchanged, whatever stands around them: 群 is an entry
 * (Taiwan 群 → OpenCC 羣 → simplified 群) and stands in almost every government page, which would otherwise send
 * nearly every page through the converter. Exact when neither the character nor its image at any step of the
 * chain is part of a longer entry, so no match can cross it: it is then as inert as a character in no entry.
 */
function inertSingles(config: Config, all: readonly string[]): Set<number> {
  const stage = (group: readonly DictLike[]) => {
    const single = new Map<string, string>();
    const longer = new Set<string>();
    // A group's earlier dictionaries win (OpenCC loads them last).
    for (const [source, target] of group.flatMap(pairsOf)) {
      if ([...source].length > 1) for (const char of source) longer.add(char);
      else if (!single.has(source)) single.set(source, target);
    }
    return { single, longer };
  };
  // As convert runs: normalise, cut into segments (which only splits), then each conversion step.
  const steps = [
    ...(config.normalizationChain ?? []).map((group) => stage(group)),
    { single: new Map<string, string>(), longer: stage([config.segmentation].flat() as DictLike[]).longer },
    ...config.conversionChain.map((group) => stage(group)),
  ];
  const inert = new Set<number>();
  for (const char of new Set(all.filter((e) => [...e].length === 1))) {
    let image = char;
    const crossable = steps.some(({ longer, single }) => {
      if (longer.has(image)) return true;
      image = single.get(image) ?? image;
      return [...image].length !== 1;
    });
    if (!crossable && image === char) inert.add(char.codePointAt(0) ?? 0);
  }
  return inert;
}

interface Tables {
  readonly convert: (text: string) => string;
  /** Per BMP code point: 1 = in some entry, 2 = a single-character entry, 4 = starts a `lacking` entry. */
  readonly table: Uint8Array;
  readonly inEntry: ReadonlySet<number>;
  readonly singles: ReadonlySet<number>;
  /** Multi-character entries none of whose characters is an entry by itself, by their first code point. */
  readonly lacking: ReadonlyMap<number, readonly string[]>;
  /**
   * The first two UTF-16 units (first * 0x10000 + second) of the `lacking` entries that start in the BMP: common
   * characters (一, 想) start some, and looking their entries up at each of them was most of the scan.
   */
  readonly lackingStarts: ReadonlySet<number>;
}

function buildTables(): Tables {
  const preset = { from: { ...from }, to: { ...to }, configs: { ...configs } };
  // Taiwan-standard input covers both the OpenCC and the Taiwan variant characters (為/爲, 裡/裏).
  const convert = ConverterBuilder(preset)({ from: 'tw', to: 'cn' });
  const config = preset.configs.tw2s as Config | undefined;
  if (!config) throw new Error('opencc-js has no tw2s configuration');
  const all = entries(config).filter((e) => e !== '');
  const inert = inertSingles(config, all);
  const singles = new Set(all.filter((e) => codePoints(e).length === 1).map((e) => e.codePointAt(0) ?? 0).filter((cp) => !inert.has(cp)));
  const lacking = new Map<number, string[]>();
  for (const entry of all) {
    const cps = codePoints(entry);
    if (cps.length < 2 || cps.some((cp) => singles.has(cp))) continue;
    lacking.set(cps[0] ?? 0, [...(lacking.get(cps[0] ?? 0) ?? []), entry]);
  }
  const inEntry = new Set(all.flatMap(codePoints).filter((cp) => !inert.has(cp)));
  // A table for the BMP keeps the scan a load and a test per character; the rare astral ones use the sets.
  const table = new Uint8Array(0x10000);
  for (const cp of inEntry) if (cp < 0x10000) table[cp] = 1;
  for (const cp of singles) if (cp < 0x10000) table[cp] = (table[cp] ?? 0) | 2;
  for (const cp of lacking.keys()) if (cp < 0x10000) table[cp] = (table[cp] ?? 0) | 4;
  const lackingStarts = new Set<number>();
  for (const [cp, list] of lacking) if (cp < 0x10000) for (const entry of list) lackingStarts.add(cp * 0x10000 + entry.charCodeAt(1));
  return { convert, table, inEntry, singles, lacking, lackingStarts };
}

let built: Tables | undefined;
/** Built at the first conversion (~11 MB): a thread that never folds text (the sweep's, see analysis-pool.ts) never holds them. */
const tables = (): Tables => (built ??= buildTables());

function flags(t: Tables, cp: number): number {
  if (cp < 0x10000) return t.table[cp] ?? 0;
  return (t.inEntry.has(cp) ? 1 : 0) | (t.singles.has(cp) ? 2 : 0) | (t.lacking.has(cp) ? 4 : 0);
}

/** Whether an entry can match starting at `i`, where the code point `cp` with these flags stands. */
function triggersAt(t: Tables, text: string, i: number, cp: number, f: number): boolean {
  return (f & 2) !== 0 || ((f & 4) !== 0 && (t.lacking.get(cp) ?? []).some((entry) => text.startsWith(entry, i)));
}

function hasTrigger(t: Tables, text: string, from: number, to: number): boolean {
  const table = t.table;
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    // Only a high surrogate can start a code point above the BMP; any other unit is its own code point.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const cp = text.codePointAt(i) ?? unit;
      const f = flags(t, cp);
      if (f > 1 && triggersAt(t, text, i, cp, f)) return true;
      if (cp > 0xffff) i++;
    } else {
      const f = table[unit] ?? 0;
      // Without a single-character entry here, a `lacking` entry can only match if the next unit is its second one.
      if (f > 1 && ((f & 2) !== 0 || t.lackingStarts.has(unit * 0x10000 + text.charCodeAt(i + 1))) && triggersAt(t, text, i, unit, f)) return true;
    }
  }
  return false;
}

/** OpenCC skips an ideographic description sequence (⿰氵青) as one unit, across any character: such text is converted whole. */
export function hasIdeographicDescription(text: string): boolean {
  return /[\u2ff0-\u2fff]/.test(text);
}

/** Exactly OpenCC's tw → cn conversion of `text`. */
export function toSimplified(text: string): string {
  const t = tables();
  if (!hasTrigger(t, text, 0, text.length)) return text;
  if (hasIdeographicDescription(text)) return t.convert(text);
  let out = '';
  let piece = 0;
  // Pieces are runs of characters that occur in some entry; whatever else stands between them stays as it is.
  for (let i = 0; i <= text.length; i++) {
    const cp = i < text.length ? (text.codePointAt(i) ?? 0) : -1;
    if (cp >= 0 && (flags(t, cp) & 1) !== 0) {
      if (cp > 0xffff) i++;
      continue;
    }
    const run = text.slice(piece, i);
    out += hasTrigger(t, text, piece, i) ? t.convert(run) : run;
    if (cp >= 0) out += String.fromCodePoint(cp);
    if (cp > 0xffff) i++;
    piece = i + 1;
  }
  return out;
}
