/** Where a command writes; tests pass buffers, the bin passes the process streams. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal: progress and colours only then. */
  readonly tty: boolean;
  readonly env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  tty: Boolean(process.stderr.isTTY) && !process.env.NO_COLOR,
  env: process.env,
};

export const exitCodes = { ok: 0, problemsFound: 1, badSetup: 2 } as const;
