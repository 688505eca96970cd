import type { CliIo } from './io.ts';

/** One self-rewriting line on a terminal while accounts finish; silent otherwise (pipes, --json, CI). */
export class Progress {
  #done = 0;
  constructor(
    private readonly io: CliIo,
    private readonly enabled: boolean,
    private readonly total: number,
  ) {
    this.#draw();
  }

  tick(): void {
    this.#done++;
    this.#draw();
  }

  done(): void {
    if (this.enabled) this.io.stderr('\r\x1b[K');
  }

  #draw(): void {
    if (this.enabled) this.io.stderr(`\r\x1b[K正在巡检菜单：已完成 ${this.#done}/${this.total} 个公众号…`);
  }
}
