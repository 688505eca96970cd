/**
 * What a page says about itself as a whole, collected while it is read: the
 * title, meta keywords and description, refreshes, style sheets and scripts.
 * Style sheets and hiding scripts are handed on as they arrive, so the
 * rendering can apply them to the elements after them.
 */
import type { PageScript } from './parsed-page.ts';
import { scriptHiddenIds } from './scripts.ts';

/** The rendering that takes style sheets and hidden ids as they arrive; each says whether one came too late. */
export interface Learner {
  learnStyles(sheet: string): boolean;
  learnHiddenIds(ids: readonly string[]): boolean;
}

export interface HeadFacts {
  title: string;
  meta: string[];
  refreshes: string[];
  styles: string[];
  /** Inline scripts (and body onload handlers) in document order, plus external script URLs. */
  scripts: PageScript[];
}

/** A title, style or script whose text is being collected; htmlparser2 reads them as raw text, so nothing opens inside. */
interface Capture {
  text: string;
  readonly done: (text: string) => void;
}

/** What rendering needs to know (style rules, ids scripts hide) and what the detectors read whole: title, meta, scripts. */
export class HeadReader {
  readonly facts: HeadFacts = { title: '', meta: [], refreshes: [], styles: [], scripts: [] };
  /** A style rule or a hiding script arrived after an element it applies to. */
  late = false;
  private titleSeen = false;
  private capture: Capture | null = null;

  /** `learner`: the rendering that takes each style and hiding script as it arrives; null when it knew them all. */
  constructor(private readonly learner: Learner | null) {}

  open(tag: string, attribs: Record<string, string>): void {
    switch (tag) {
      case 'title':
        if (!this.titleSeen) this.collect((text) => (this.facts.title = text));
        this.titleSeen = true;
        break;
      case 'meta': {
        const name = (attribs.name ?? '').toLowerCase();
        if (name === 'keywords' || name === 'description') this.facts.meta.push(attribs.content ?? '');
        if ((attribs['http-equiv'] ?? '').toLowerCase() === 'refresh') this.facts.refreshes.push(attribs.content ?? '');
        break;
      }
      case 'style':
        this.collect((text) => {
          this.facts.styles.push(text);
          if (this.learner?.learnStyles(text)) this.late = true;
        });
        break;
      case 'script':
        if (!/json|template|html/i.test(attribs.type ?? '')) this.collect((text) => this.script(attribs.src?.trim() || null, text));
        break;
      case 'body':
      case 'frameset':
        if (attribs.onload) this.script(null, attribs.onload);
        break;
    }
  }

  close(): void {
    const capture = this.capture;
    if (!capture) return;
    this.capture = null;
    capture.done(capture.text);
  }

  text(data: string): void {
    if (this.capture) this.capture.text += data;
  }

  private collect(done: (text: string) => void): void {
    this.capture = { text: '', done };
  }

  private script(src: string | null, text: string): void {
    this.facts.scripts.push({ src, text });
    if (this.learner?.learnHiddenIds(scriptHiddenIds(text))) this.late = true;
  }
}
