import { inspect } from 'node:util';

/**
 * A secret read from the environment. It prints as *** everywhere (logs,
 * JSON.stringify, util.inspect, template strings) so it cannot leak into the
 * store, outputs or messages by accident; `reveal()` is the one way to use it.
 */
export class Secret {
  readonly #value: string;
  constructor(
    value: string,
    /** Where it came from, e.g. "env:ZLT12333_SECRET" — safe to show. */
    readonly source: string,
  ) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '***';
  }
  toJSON(): string {
    return '***';
  }
  [inspect.custom](): string {
    return `Secret(${this.source})`;
  }
}
