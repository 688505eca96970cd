import type { Problem } from '../core/problems.ts';

/** One fetched page, as the page analysis sees it. */
export interface PageInput {
  /** The menu's URL. */
  readonly url: string;
  /** Where the redirects ended. */
  readonly finalUrl: string;
  readonly status: number;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Raw (decompressed, possibly truncated) bytes; the analysis decodes the charset itself. */
  readonly body: Buffer;
  /** Registrable domains the account's links are expected on (e.g. ["zlt.gov.cn"]); may be empty. */
  readonly accountDomains: readonly string[];
}
