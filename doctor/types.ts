import type { Config } from '../config/load.ts';

/** ✓ works, ! works but should be looked at, ✗ does not work (exit code 1). */
export type Mark = 'ok' | 'warn' | 'fail';

/** One row of the doctor's table: what was checked, what was found and, for ! and ✗, what to do. */
export interface DoctorLine {
  readonly mark: Mark;
  /** The kind of thing checked, e.g. 微信接口. */
  readonly topic: string;
  /** Which one, e.g. the account or channel name; empty for one-of-a-kind checks. */
  readonly subject: string;
  readonly found: string;
  readonly fix?: string;
}

/** What every check gets, whether or not the config loaded. */
export interface LocalContext {
  /** The data file (--db): only its folder is tested, the file itself is never opened. */
  readonly db: string;
  readonly env: NodeJS.ProcessEnv;
  /** Whether channels may really send a test message (--send). */
  readonly send: boolean;
}

export interface DoctorContext extends LocalContext {
  readonly config: Config;
}

/**
 * One check: it never throws for something that does not work, it says so in
 * its lines. Checks that need nothing from the config still run when the
 * config does not load, so one doctor run tells as much as it can.
 */
export type DoctorCheck =
  | { readonly needsConfig: true; run(context: DoctorContext): Promise<readonly DoctorLine[]> }
  | { readonly needsConfig: false; run(context: LocalContext): Promise<readonly DoctorLine[]> };
