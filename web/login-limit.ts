/**
 * Failed admin logins per client address: after `max` failures within the
 * window, that address waits until the oldest of them ages out. Kept in
 * memory: a restart forgets, which costs a guesser a restart of our service.
 */
export class LoginLimit {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => Date,
    private readonly max = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Minutes left to wait (rounded up), or 0 when this address may try. */
  waitMinutes(address: string): number {
    const recent = this.#recent(address);
    if (recent.length < this.max) return 0;
    return Math.ceil((recent[0]! + this.windowMs - this.now().getTime()) / 60_000);
  }

  failed(address: string): void {
    this.#failures.set(address, [...this.#recent(address), this.now().getTime()]);
  }

  succeeded(address: string): void {
    this.#failures.delete(address);
  }

  #recent(address: string): number[] {
    const since = this.now().getTime() - this.windowMs;
    const recent = (this.#failures.get(address) ?? []).filter((t) => t > since);
    if (recent.length === 0) this.#failures.delete(address);
    return recent;
  }
}
