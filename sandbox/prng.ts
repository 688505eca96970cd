/**
 * A tiny seeded PRNG (mulberry32) so the sandbox world is the same for the
 * same seed on every machine: Math.random would make test failures unreproducible.
 */

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: turns a label into a 32-bit number, to derive independent sub-streams. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class Rng {
  private readonly next: () => number;

  constructor(private readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /**
   * An independent stream for one part of the world (one account, say), so
   * adding an item to one account does not reshuffle every other account.
   */
  fork(label: string): Rng {
    return new Rng(hash32(`${this.seed}:${label}`));
  }

  /** Integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /**
   * `count` items drawn without replacement, each with a chance proportional
   * to its weight (Efraimidis–Spirakis keys), kept in their original order:
   * menus keep their designed order.
   */
  weightedSample<T>(items: readonly T[], weight: (item: T) => number, count: number): T[] {
    const keyed = items.map((item, i) => ({ i, key: this.next() ** (1 / weight(item)) }));
    const chosen = new Set(keyed.sort((a, b) => b.key - a.key).slice(0, count).map((k) => k.i));
    return items.filter((_, i) => chosen.has(i));
  }

  hex(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += this.int(0, 15).toString(16);
    return out;
  }

  /** Material and article ids look like base64url strings of this length. */
  id(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += base64url[this.int(0, 63)];
    return out;
  }
}
