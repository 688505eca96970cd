/**
 * One fetched page, decoded, parsed once and reduced to the facts every
 * detector needs. Detectors read this and never look at the HTML again.
 */
import type { Problem } from '../core/problems.ts';
import type { HidingReason } from './css.ts';
import type { Cloaking } from './scripts.ts';
import type { SiteScope } from './domains.ts';
import type { PageInput } from './types.ts';

/** Where on the page a piece of text was found. */
export type Region = 'title' | 'meta' | 'visible' | 'hidden';

export interface TextBlock {
  /** Folded text of one block-level element (paragraph, cell, heading …). */
  readonly text: string;
  /** The same text as the page shows it (whitespace collapsed), for messages to people. */
  readonly raw: string;
  readonly heading: boolean;
  /** Letters and digits in `text` (countMeaningful), counted once for every detector that asks. */
  readonly chars: number;
}

export interface PageLink {
  /** Absolute URL. */
  readonly href: string;
  readonly host: string;
  /** Folded anchor text of a hidden link, for its evidence; '' for a visible link (nothing reads it). */
  readonly text: string;
  /** Why a visitor cannot see the link; null when visible. */
  readonly hiddenBy: HidingReason | null;
  /** The link only exists because an inline script document.write()s it. */
  readonly written: boolean;
}

/** An iframe or frame: another page loaded inside this one. */
export interface PageFrame {
  /** Absolute URL. */
  readonly src: string;
  readonly host: string;
  /** Folded title and name attributes. */
  readonly text: string;
  /** Why a visitor cannot see the frame; null when visible. */
  readonly hiddenBy: HidingReason | null;
  /** The frame only exists because an inline script document.write()s it. */
  readonly written: boolean;
}

export interface PageRedirect {
  /** Absolute URL. */
  readonly target: string;
  readonly host: string;
  readonly via: 'meta-refresh' | 'script';
  /** The tag or statement that redirects, shortened for evidence. */
  readonly snippet: string;
  /** Set when the script only redirects some visitors (search-engine referrers, spiders). */
  readonly conditional: Cloaking | null;
}

export interface PageScript {
  readonly src: string | null;
  readonly text: string;
}

export interface ParsedPage {
  readonly input: PageInput;
  readonly finalUrl: string;
  /** Lower-case host of the final URL ("" when the URL cannot be parsed). */
  readonly host: string;
  readonly scope: SiteScope;
  /** Folded <title>. */
  readonly title: string;
  /** Folded meta keywords and description. */
  readonly meta: string;
  readonly blocks: readonly TextBlock[];
  /** Folded visible text, one block per line. */
  readonly visibleText: string;
  /** Letters and digits in the visible text. */
  readonly visibleChars: number;
  /** Folded text of elements a visitor cannot see. */
  readonly hiddenText: string;
  readonly links: readonly PageLink[];
  readonly frames: readonly PageFrame[];
  readonly redirects: readonly PageRedirect[];
  readonly scripts: readonly PageScript[];
  /** Some script behaves differently for search-engine visitors or spiders. */
  readonly cloaking: Cloaking | null;
  /** Images, frames, video, canvas or svg: content that is not text. */
  readonly hasMedia: boolean;
  readonly ids: ReadonlySet<string>;
  readonly classes: ReadonlySet<string>;
}

/** One check on a parsed page; each lives in its own file under detectors/. */
export type Detector = (page: ParsedPage) => Problem[];

/**
 * What the detectors that depend on the account's domains read: the page's
 * hidden links and frames (visible ones never count) and redirects. Kept per URL so a page
 * many accounts link to is parsed once and judged for each account's domains.
 */
export interface ScopedFacts {
  readonly finalUrl: string;
  readonly links: readonly PageLink[];
  readonly frames: readonly PageFrame[];
  readonly redirects: readonly PageRedirect[];
  readonly scope: SiteScope;
}
