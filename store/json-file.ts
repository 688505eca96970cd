/**
 * The data file as a lowdb adapter that writes the JSON in pieces. A
 * province's store is tens of megabytes of pretty-printed JSON; lowdb's
 * JSONFile builds it as one string (two bytes a character once any Chinese is
 * in it) and then a UTF-8 copy, and JSON.stringify's own scratch comes on
 * top: writing a 33 MB store took the heap from ~90 MB to ~680 MB. Here each
 * small piece is stringified and appended to the temp file as it comes, so
 * the write costs about one buffer. The bytes are those of
 * JSON.stringify(data, null, 2), so the file reads the same either way.
 *
 * The whole file is written synchronously, as JSON.stringify held the event
 * loop before: nothing can change the data half-way through a write, and two
 * saves cannot interleave in the temp file. The rename is async and retried,
 * as steno (lowdb's writer) does for Windows, whose virus scanners hold
 * freshly written files for a moment; saves are chained so one rename ends
 * before the next write starts.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Adapter } from 'lowdb';

/** Below this depth a value is stringified whole: one account's results, one URL's memory, one finding. */
const piecesDepth = 4;
/** Pieces are gathered up to this many characters before they go to the file. */
const flushChars = 1 << 20;

/** What JSON.stringify would write for `value` in an array or object, or undefined where it leaves it out. */
function jsonable(value: unknown): unknown {
  const plain = typeof (value as { toJSON?: unknown } | null)?.toJSON === 'function' ? (value as { toJSON(): unknown }).toJSON() : value;
  return typeof plain === 'function' || typeof plain === 'symbol' ? undefined : plain;
}

/** The members of an array or object as JSON.stringify writes them (what it leaves out left out), each with its key; undefined for anything else. */
function members(value: unknown): (readonly [string, unknown])[] | undefined {
  if (Array.isArray(value)) return value.map((v) => ['', jsonable(v) ?? null] as const);
  if (value === null || typeof value !== 'object') return undefined;
  return Object.entries(value).flatMap(([key, v]) => {
    const plain = jsonable(v);
    return plain === undefined ? [] : [[`${JSON.stringify(key)}: `, plain] as const];
  });
}

/** The pieces of JSON.stringify(value, null, 2), for a value nested at `depth` (its lines indented by 2 × depth). */
function* pieces(value: unknown, depth: number): Generator<string> {
  const indent = '  '.repeat(depth);
  const entries = depth < piecesDepth ? members(value) : undefined;
  if (entries === undefined || entries.length === 0) {
    yield JSON.stringify(value, null, 2).replaceAll('\n', `\n${indent}`);
    return;
  }
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  yield open;
  for (const [i, [key, v]] of entries.entries()) {
    yield `${i === 0 ? '' : ','}\n${indent}  ${key}`;
    yield* pieces(v, depth + 1);
  }
  yield `\n${indent}${close}`;
}

/** Writes `data` as JSON.stringify(data, null, 2) to `file`, a buffer's worth at a time. */
export function writeJsonSync(file: string, data: unknown): void {
  const fd = openSync(file, 'w');
  try {
    let buffered = '';
    for (const piece of pieces(data, 0)) {
      buffered += piece;
      if (buffered.length < flushChars) continue;
      writeSync(fd, buffered);
      buffered = '';
    }
    writeSync(fd, buffered);
  } finally {
    closeSync(fd);
  }
}

async function renameRetried(from: string, to: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rename(from, to);
    } catch (error) {
      if (attempt >= 10) throw error;
      await sleep(100);
    }
  }
}

export class JsonFile<T> implements Adapter<T> {
  readonly #file: string;
  readonly #temp: string;
  #saving: Promise<void> = Promise.resolve();

  constructor(file: string) {
    this.#file = file;
    this.#temp = join(dirname(file), `.${basename(file)}.tmp`);
  }

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.#file, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  write(data: T): Promise<void> {
    const saved = this.#saving.then(() => {
      writeJsonSync(this.#temp, data);
      return renameRetried(this.#temp, this.#file);
    });
    // A failed save is its caller's to handle; the next save still runs.
    this.#saving = saved.catch(() => undefined);
    return saved;
  }
}
