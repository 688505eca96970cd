/**
 * Just enough CSS to tell whether an element is hidden the ways link spammers
 * hide things. Inline styles plus <style> rules with one simple compound
 * selector (tag, .class, #id, tag.class …); descendant selectors, pseudo-classes
 * and @media blocks are skipped because applying them loosely would hide
 * legitimate content (the mobile menu is display:none on desktop).
 */

export type HidingReason =
  | 'display:none'
  | 'visibility:hidden'
  | 'opacity:0'
  | 'font-size'
  | 'line-height'
  | 'off-screen'
  | 'text-indent'
  | 'marquee'
  | 'clip'
  | 'zero-size'
  | 'z-index'
  | 'colour'
  | 'script';

/**
 * Reasons ordinary page furniture uses too (drop-down menus, tabs, share pop-ups).
 * Every other reason exists only to hide things from people while search engines still read them.
 */
export const interfaceHiding: ReadonlySet<HidingReason> = new Set(['display:none', 'visibility:hidden', 'opacity:0']);

/** Reasons that hide text but leave an image inside the element visible. */
const textOnlyHiding: ReadonlySet<HidingReason> = new Set(['font-size', 'line-height', 'text-indent', 'colour']);

export type Declarations = ReadonlyMap<string, string>;

/** Rendering state handed down the tree while walking it. */
export interface Visual {
  /** A hiding no descendant can undo (display:none, off-screen box …). */
  readonly hard: HidingReason | null;
  readonly visibilityHidden: boolean;
  readonly tinyFont: boolean;
  readonly textIndentHidden: boolean;
  readonly color: string | null;
  /** Nearest explicit background colour. */
  readonly background: string | null;
}

export const visibleRoot: Visual = {
  hard: null,
  visibilityHidden: false,
  tinyFont: false,
  textIndentHidden: false,
  color: null,
  background: null,
};

export function hidingReason(visual: Visual, containsImage = false): HidingReason | null {
  const reason =
    visual.hard ??
    (visual.visibilityHidden ? 'visibility:hidden' : null) ??
    (visual.tinyFont ? 'font-size' : null) ??
    (visual.textIndentHidden ? 'text-indent' : null) ??
    (visual.color !== null && visual.color === visual.background ? 'colour' : null);
  return reason && containsImage && textOnlyHiding.has(reason) ? null : reason;
}

export function parseDeclarations(style: string): Map<string, string> {
  const declarations = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const property = part.slice(0, colon).trim().toLowerCase();
    const value = part
      .slice(colon + 1)
      .replace(/!important/i, '')
      .trim()
      .toLowerCase();
    if (property && value) declarations.set(property, value);
  }
  return declarations;
}

/** The state for an element given its parent's state and its own resolved declarations. */
export function applyDeclarations(parent: Visual, d: Declarations): Visual {
  const color = d.has('color') ? normaliseColour(d.get('color') ?? '') : parent.color;
  const background = explicitBackground(d) ?? parent.background;
  const visibility = d.get('visibility');
  const fontSize = d.get('font-size');
  const indent = d.get('text-indent');
  return {
    hard: parent.hard ?? hardHiding(d),
    visibilityHidden: visibility ? visibility === 'hidden' || visibility === 'collapse' : parent.visibilityHidden,
    tinyFont: fontSize ? isTinyFontSize(fontSize) : parent.tinyFont,
    textIndentHidden: indent ? (lengthPx(indent) ?? 0) <= -500 : parent.textIndentHidden,
    color,
    background,
  };
}

function hardHiding(d: Declarations): HidingReason | null {
  if (d.get('display') === 'none') return 'display:none';
  if (isZero(d.get('opacity')) || /alpha\(\s*opacity\s*=\s*0\s*\)/.test(d.get('filter') ?? '')) return 'opacity:0';
  const position = d.get('position') ?? '';
  const offset = Math.min(...['top', 'left'].map((side) => lengthPx(d.get(side) ?? '') ?? 0));
  if (/absolute|fixed|relative/.test(position) && offset <= -500) return 'off-screen';
  if (/translate[xy]?\(\s*-\d{3,}/.test(d.get('transform') ?? '')) return 'off-screen';
  if (/rect\(\s*[01](px)?[\s,]+[01](px)?[\s,]+[01](px)?[\s,]+[01](px)?\s*\)/.test(d.get('clip') ?? '')) return 'clip';
  const overflowHidden = /hidden|clip/.test(d.get('overflow') ?? '');
  const tinyBox = ['width', 'height'].some((side) => {
    const px = lengthPx(d.get(side) ?? '');
    return px !== null && px <= 1;
  });
  if (overflowHidden && tinyBox) return 'zero-size';
  // line-height alone only overlaps lines; with overflow hidden the text is clipped away.
  const lineHeight = lengthPx(d.get('line-height') ?? '');
  if (overflowHidden && lineHeight !== null && lineHeight <= 1) return 'line-height';
  const zIndex = Number.parseInt(d.get('z-index') ?? '', 10);
  if (zIndex <= -999) return 'z-index';
  return null;
}

function isZero(value: string | undefined): boolean {
  return value !== undefined && /^0*(\.0*)?%?$/.test(value);
}

function isTinyFontSize(value: string): boolean {
  const match = /^(-?[\d.]+)(px|pt|em|rem|%)?$/.exec(value);
  if (!match) return false;
  const size = Number(match[1]);
  const unit = match[2] ?? 'px';
  return unit === 'px' || unit === 'pt' ? size <= 1 : unit === '%' ? size <= 10 : size <= 0.1;
}

/** A length in px; unitless 0 counts, other units (em, %) are not guessed. */
export function lengthPx(value: string): number | null {
  const match = /^(-?[\d.]+)(px)?$/.exec(value.trim());
  if (!match) return null;
  if (!match[2] && Number(match[1]) !== 0) return null;
  return Number(match[1]);
}

function explicitBackground(d: Declarations): string | null {
  const value = d.get('background-color') ?? d.get('background');
  if (!value) return null;
  const token = /#[0-9a-f]{3,6}\b|rgba?\([^)]*\)|\b[a-z]+\b/.exec(value)?.[0];
  return token ? normaliseColour(token) : null;
}

const namedColours: Record<string, string> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  blue: '#0000ff',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
};

/** Lower-case #rrggbb, or null for values that cannot be compared (transparent, url(), inherit). */
export function normaliseColour(value: string): string | null {
  const v = value.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  const rgb = /^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(v);
  if (rgb) {
    if (rgb[4] !== undefined && Number(rgb[4]) === 0) return null;
    return `#${[rgb[1], rgb[2], rgb[3]].map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
  }
  return namedColours[v] ?? null;
}

interface Rule {
  readonly tag: string | null;
  readonly id: string | null;
  readonly classes: readonly string[];
  readonly declarations: Declarations;
}

/** The most specific part of a rule's selector: an element is touched by the rule only if it has this id, class or tag. */
export interface RuleKey {
  readonly by: 'ids' | 'classes' | 'tags';
  readonly name: string;
}

/** <style> rules, indexed by the most specific part of their selector. */
export class StyleRules {
  private readonly byId = new Map<string, Rule[]>();
  private readonly byClass = new Map<string, Rule[]>();
  private readonly byTag = new Map<string, Rule[]>();

  constructor(sheets: readonly string[]) {
    for (const sheet of sheets) this.addSheet(sheet);
  }

  /** Adds a sheet's rules after the ones there are; says what each new rule is indexed under. */
  addSheet(sheet: string): RuleKey[] {
    return sheetRules(sheet).map((rule) => this.add(rule));
  }

  /** Whether any rule is indexed under the element's tag, classes or id; if not, declarationsFor is empty. */
  touches(tag: string, id: string | null, classes: readonly string[]): boolean {
    return this.byTag.has(tag) || (id !== null && this.byId.has(id)) || classes.some((c) => this.byClass.has(c));
  }

  /** Declarations for an element, tag rules before class rules before id rules (a rough specificity). */
  declarationsFor(tag: string, id: string | null, classes: readonly string[]): Map<string, string> {
    const candidates = [
      ...(this.byTag.get(tag) ?? []),
      ...classes.flatMap((c) => this.byClass.get(c) ?? []),
      ...(id ? (this.byId.get(id) ?? []) : []),
    ];
    const merged = new Map<string, string>();
    for (const rule of new Set(candidates)) {
      const matches =
        (rule.tag === null || rule.tag === tag) &&
        (rule.id === null || rule.id === id) &&
        rule.classes.every((c) => classes.includes(c));
      if (matches) for (const [property, value] of rule.declarations) merged.set(property, value);
    }
    return merged;
  }

  private add(rule: Rule): RuleKey {
    const key: RuleKey = rule.id
      ? { by: 'ids', name: rule.id }
      : rule.classes[0]
        ? { by: 'classes', name: rule.classes[0] }
        : { by: 'tags', name: rule.tag ?? '*' };
    const index = { ids: this.byId, classes: this.byClass, tags: this.byTag }[key.by];
    index.set(key.name, [...(index.get(key.name) ?? []), rule]);
    return key;
  }
}

/**
 * Sheets read lately, by their text: a site's pages share one sheet, which was a fortieth of the analysis to read
 * again for each. Rules are never changed once read, so pages can share them. Only sheets of an ordinary size are
 * kept, so a hostile page's huge sheet is not.
 */
const recentSheets = new Map<string, readonly Rule[]>();
const recentSheetsKept = 16;
const keptSheetChars = 100_000;

function sheetRules(sheet: string): readonly Rule[] {
  if (sheet.length > keptSheetChars) return [...topLevelRules(sheet)];
  let rules = recentSheets.get(sheet);
  if (!rules) {
    rules = [...topLevelRules(sheet)];
    if (recentSheets.size >= recentSheetsKept) recentSheets.delete(recentSheets.keys().next().value as string);
    recentSheets.set(sheet, rules);
  }
  return rules;
}

const simpleSelector = /^([a-z][a-z0-9]*)?((?:[.#][\w-]+)*)$/i;

function* topLevelRules(sheet: string): Generator<Rule> {
  const css = sheet.replace(/\/\*[\s\S]*?\*\//g, '');
  let depth = 0;
  let start = 0;
  let selector = '';
  for (let i = 0; i < css.length; i++) {
    const char = css[i];
    if (char === '{') {
      if (depth === 0) selector = css.slice(start, i);
      depth++;
      start = i + 1;
    } else if (char === '}') {
      depth = Math.max(0, depth - 1);
      // Only depth-0 blocks whose selector is not an at-rule: @media contents are skipped on purpose.
      if (depth === 0 && !selector.trim().startsWith('@')) yield* rulesFor(selector, css.slice(start, i));
      start = i + 1;
    }
  }
}

function* rulesFor(selectorList: string, body: string): Generator<Rule> {
  const declarations = parseDeclarations(body);
  for (const raw of selectorList.split(',')) {
    const match = simpleSelector.exec(raw.trim());
    if (!match || raw.trim() === '') continue;
    const parts = match[2]?.match(/[.#][\w-]+/g) ?? [];
    yield {
      tag: match[1]?.toLowerCase() ?? null,
      id: parts.find((p) => p.startsWith('#'))?.slice(1) ?? null,
      classes: parts.filter((p) => p.startsWith('.')).map((p) => p.slice(1)),
      declarations,
    };
  }
}
