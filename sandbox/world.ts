/**
 * The sandbox world: 扎兰屯's 31 accounts with their menus, the web sites
 * behind the menu links, and the seeded failures a correct checker finds.
 * Everything random comes from the seed, so the same seed gives a deep-equal world.
 */
import { conditionalMenuName, defaultMenu } from '../core/menu.ts';
import { accountRows, type AccountRow } from './accounts-data.ts';
import {
  interactionSection,
  partySection,
  specialSections,
  standardSections,
  type MenuOrigin,
  type SectionDef,
} from './menu-catalog.ts';
import type {
  ApiAccess,
  ConditionalMenu,
  ExpectedProblem,
  Menu,
  MenuLeaf,
  MenuSection,
  Owner,
  TrapPage,
  World,
  WorldAccount,
} from './model.ts';
import { Rng } from './prng.ts';
import { seededCases, type Pinned, type SeededCase } from './seeded-cases.ts';
import { personName } from './text-corpus.ts';
import { AccountContext, WorldBuilder } from './world-builder.ts';

export const defaultSeed = 2022;

interface Placed {
  readonly kase: SeededCase;
  readonly path: readonly string[];
  readonly pinned: Pinned;
}

/** WeChat allows 1–3 top-level buttons and 1–5 items under each. */
const maxSections = 3;
const maxItems = 5;

/**
 * Picks the buttons and items of one menu: the mandatory buttons, seeded extra
 * ones, seeded ordinary items, and the pinned cases at seeded positions.
 */
function composeMenu(
  c: AccountContext,
  available: readonly SectionDef[],
  always: readonly string[],
  cases: readonly SeededCase[],
  origin: MenuOrigin,
): { sections: MenuSection[]; placed: Placed[] } {
  const mandatory = new Set([...always, ...cases.map((k) => k.section)]);
  for (const name of mandatory) {
    if (!available.some((s) => s.name === name)) throw new Error(`${c.row.name} has no button ${name}`);
  }
  const target = Math.max(mandatory.size, c.rng.chance(0.75) ? 3 : 2);
  const extras = c.rng.shuffle(available.filter((s) => !mandatory.has(s.name))).slice(0, target - mandatory.size);
  const chosen = available.filter((s) => mandatory.has(s.name) || extras.includes(s));
  if (chosen.length > maxSections) throw new Error(`${c.row.name}: more than ${maxSections} buttons`);

  const placed: Placed[] = [];
  const sections = chosen.map((section): MenuSection => {
    const pins = cases.filter((k) => k.section === section.name);
    const pool = section.items.filter((d) => !pins.some((k) => k.item === d.name) && d.excludedFrom !== origin);
    const size = Math.max(pins.length, c.rng.int(2, maxItems));
    const items: MenuLeaf[] = c.rng
      .weightedSample(pool, (d) => d.weight ?? 1, size - pins.length)
      .map((d) => d.build(c, [section.name, d.name]));
    for (const kase of pins) {
      const pinned = kase.build(c, [section.name, kase.item]);
      if (pinned.leaf.name !== kase.item) throw new Error(`case ${kase.item} built ${pinned.leaf.name}`);
      items.splice(c.rng.int(0, items.length), 0, pinned.leaf);
      const path = [section.name, kase.item, ...(pinned.article ? [pinned.article.title] : [])];
      placed.push({ kase, path, pinned });
    }
    if (items.length < 2 || items.length > maxItems) throw new Error(`${c.row.name} ${section.name}: ${items.length} items`);
    return { name: section.name, items };
  });
  return { sections, placed };
}

function makeOwners(rng: Rng, short: string): Owner[] {
  const names = new Set<string>();
  const count = rng.chance(0.35) ? 2 : 1;
  while (names.size < count) names.add(personName(rng));
  return [...names].map((name) => ({ name, remark: `${name}-${short}` }));
}

/** The unit that runs a shared site is the one without a path prefix on it. */
function siteOwner(host: string): string {
  const rows = accountRows.filter((r) => r.host === host);
  return (rows.find((r) => !r.prefix) ?? rows[0])?.unit ?? host;
}

function apiAccess(row: AccountRow, rng: Rng): ApiAccess | undefined {
  const mode = row.access ?? 'api';
  if (mode === 'inventory') return undefined;
  return {
    appId: `wx${rng.hex(16)}`,
    secret: rng.hex(32),
    envName: `ZLT_ACC${String(row.row).padStart(2, '0')}_SECRET`,
    ipWhitelisted: mode !== 'ip-blocked',
    menuOrigin: mode === 'web-editor' ? 'web-editor' : 'api',
  };
}

function record(account: string, menu: string, placed: readonly Placed[], expected: ExpectedProblem[], traps: TrapPage[]): void {
  for (const { kase, path, pinned } of placed) {
    const leaf = pinned.leaf;
    const link = pinned.article?.content ?? ('url' in leaf ? leaf.url : undefined);
    const seen = kase.seenIn ? { seenIn: kase.seenIn } : {};
    if (kase.code) {
      expected.push({ account, menu, path, code: kase.code, why: kase.why, ...(link ? { link } : {}), ...seen });
    } else {
      if (!link) throw new Error(`trap ${kase.item} has no page`);
      traps.push({ account, menu, path, link, why: kase.why, ...seen });
    }
  }
}

export function generateWorld(seed: number = defaultSeed): World {
  const root = new Rng(seed);
  const builder = new WorldBuilder();
  const accounts: WorldAccount[] = [];
  const expected: ExpectedProblem[] = [];
  const traps: TrapPage[] = [];

  for (const row of accountRows) {
    const rng = root.fork(`account-${row.row}`);
    const base = {
      row: row.row,
      name: row.name,
      platform: row.platform,
      unit: row.unit,
      owners: makeOwners(rng, row.short),
      domains: ['zlt.gov.cn', ...(row.extraDomains ?? [])],
    };
    if (row.platform === 'weibo') {
      accounts.push(base);
      continue;
    }
    const api = apiAccess(row, rng);
    const c = new AccountContext(builder, row, rng, siteOwner(row.host));
    const special = specialSections[row.row];
    const cases = seededCases.filter((k) => k.account === row.name);
    const origin: MenuOrigin = api?.menuOrigin ?? 'inventory';

    const main = composeMenu(
      c,
      [...(special ? [special] : []), ...standardSections(row)],
      [...(special ? [special.name] : []), interactionSection],
      cases.filter((k) => !k.conditional),
      origin,
    );
    record(row.name, defaultMenu, main.placed, expected, traps);

    const conditional: ConditionalMenu[] = [];
    if (row.conditionalTag) {
      const standard = standardSections(row);
      const available = [partySection, ...standard.filter((s) => s.name === '办事服务' || s.name === interactionSection)];
      const personal = composeMenu(c, available, available.map((s) => s.name), cases.filter((k) => k.conditional), origin);
      const matchrule = { tag_id: row.conditionalTag };
      const menuid = rng.int(400000000, 499999999);
      conditional.push({ matchrule, menuid, sections: personal.sections });
      record(row.name, conditionalMenuName(matchrule, menuid), personal.placed, expected, traps);
    }
    const menu: Menu = {
      sections: main.sections,
      conditional,
      ...(conditional.length > 0 ? { menuid: rng.int(400000000, 499999999) } : {}),
    };
    accounts.push({ ...base, ...(api ? { api } : {}), menu });
  }

  const placedCases = expected.length + traps.length;
  if (placedCases !== seededCases.length) throw new Error(`${seededCases.length - placedCases} seeded cases found no account`);
  return { seed, accounts, sites: builder.sites, expected, traps };
}
