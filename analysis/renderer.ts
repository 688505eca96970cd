/**
 * Rendering a page as its events come: what a visitor sees (text by block),
 * what is hidden and how, links and frames, media. No tree is built: the
 * parser's open and close events nest exactly as the tree would, so the
 * rendering state is kept on a stack of open elements, and elements cost no
 * garbage once they are closed.
 */
import { Parser } from 'htmlparser2';
import {
  applyDeclarations,
  hidingReason,
  lengthPx,
  parseDeclarations,
  visibleRoot,
  type Declarations,
  type HidingReason,
  type StyleRules,
  type Visual,
} from './css.ts';
import { linkResolver, type ResolvedLink } from './domains.ts';
import { foldEach } from './fold.ts';
import type { HeadReader, Learner } from './head-reader.ts';
import { limitDepth, MAX_DEPTH } from './nesting.ts';
import type { PageFrame, PageLink } from './parsed-page.ts';
import { writtenHtml } from './scripts.ts';

const blockTags = new Set(
  [
    'address article aside blockquote body br center dd details dialog div dl dt fieldset figcaption figure',
    'footer form h1 h2 h3 h4 h5 h6 header hr li main marquee nav ol p pre section summary table tbody td',
    'tfoot th thead tr ul',
  ]
    .join(' ')
    .split(' '),
);
const headingTags = new Set(['h1', 'h2', 'h3']);
/** Never rendered as page text (noscript is not shown by a browser that runs scripts, like WeChat's). */
const skippedTags = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'title', 'meta']);
const mediaTags = new Set(['img', 'iframe', 'frame', 'frameset', 'video', 'audio', 'embed', 'object', 'canvas', 'svg']);

const parserOptions = { xmlMode: false, decodeEntities: true };

interface Context {
  readonly visual: Visual;
  readonly link: LinkDraft | null;
  /** Inside markup an inline script document.write()s. */
  readonly written: boolean;
}

interface LinkDraft {
  href: string;
  host: string;
  text: string;
  visual: Visual;
  hasImage: boolean;
}

/** An open element, or the document a reading started (which is not an element: it is never left). */
interface Open {
  readonly tag: string | null;
  readonly context: Context;
  readonly opensLink: boolean;
}

const noClasses: readonly string[] = [];

/** Visible text by block, hidden text, links with how they are hidden, media. */
export class Renderer implements Learner {
  readonly blocks: { text: string; heading: boolean }[] = [];
  readonly hidden: string[] = [];
  readonly ids = new Set<string>();
  readonly classes = new Set<string>();
  hasMedia = false;
  /** The reading stopped where the page nested deeper than MAX_DEPTH; it must be read again, capped. */
  tooDeep = false;
  private current = '';
  /** Whether current.trim() !== '', known from its pieces: trimming the whole block would copy its pieces into one string. */
  private currentShows = false;
  /** Links with their text as written; folded all at once at the end. */
  private readonly links: (Omit<PageLink, 'text'> & { text: string })[] = [];
  private readonly frames: PageFrame[] = [];
  private readonly open: Open[] = [];
  /** Inside an element whose content is not rendered (script, style, iframe …): how many elements deep. */
  private skipping = 0;
  /** The text of the script being skipped, for what it writes; null inside other skipped elements. */
  private script: string | null = null;
  private readonly resolve: (href: string) => ResolvedLink | null;
  /** Tags, ids and classes of the elements styled so far, for telling whether a late rule applies to one. */
  private readonly seen = { tags: new Set<string>(), ids: new Set<string>(), classes: new Set<string>() };
  /** Declarations from <style> rules alone, by tag, id and classes; emptied when rules are added. */
  private readonly byIdentity = new Map<string, Declarations>();
  /** The same for elements with neither id nor class (most of a page), by tag alone: no key to build for them. */
  private readonly byBareTag = new Map<string, Declarations>();
  private readonly shared = new WeakSet<Declarations>();
  /** States computed from a parent's state and shared declarations. */
  private readonly applied = new WeakMap<Visual, Map<Declarations, Visual>>();
  /**
   * Class attributes split so far. A page repeats a few hundreds of times (every <li class="item">): each is split
   * once and the lists are shared (nothing changes them). Per reading, not per module: the attribute values are
   * slices of the page's text and would keep whole pages alive.
   */
  private readonly classLists = new Map<string, readonly string[]>();

  constructor(
    private readonly rules: StyleRules,
    private readonly hiddenIds: Set<string>,
    baseUrl: string,
    /** Read every document through limitDepth; otherwise read them as they are and stop if one nests too deep. */
    private readonly capped: boolean,
  ) {
    this.resolve = linkResolver(baseUrl);
  }

  /** Reads the page itself; `head` collects its head facts. */
  readPage(html: string, head: HeadReader): void {
    this.read(html, { visual: visibleRoot, link: null, written: false }, head);
    if (!this.tooDeep) this.flush(false);
  }

  /**
   * Reads a document into the page, inside `context`: the page itself, or the HTML a script writes, which lands
   * where the script stands, inside whatever hides it. `head` collects the page's head facts; none for written HTML.
   */
  private read(html: string, context: Context, head: HeadReader | null): void {
    const outer = this.open.length;
    this.open.push({ tag: null, context, opensLink: false });
    // htmlparser2 hands text over in pieces (around entities); a tree would hold consecutive pieces as one text node.
    let text = '';
    /** Open elements, as the parser's stack holds them (void ones count for a moment: it only makes the check stricter). */
    let depth = 0;
    const flushText = () => {
      if (text === '') return;
      head?.text(text);
      this.text(text);
      text = '';
    };
    const parser = new Parser(
      {
        onopentag: (name, attribs) => {
          if (this.tooDeep || (!this.capped && ++depth > MAX_DEPTH)) {
            this.tooDeep = true;
            parser.pause();
            return;
          }
          flushText();
          head?.open(name, attribs);
          this.enterTag(name, attribs);
        },
        onclosetag: () => {
          if (this.tooDeep) return;
          depth--;
          flushText();
          head?.close();
          this.leaveTag();
        },
        ontext: (data) => {
          text += data;
        },
        oncomment: flushText,
        onprocessinginstruction: flushText,
      },
      parserOptions,
    );
    // The parser's cost grows with the square of the nesting depth. limitDepth returns a page that nests no deeper
    // than MAX_DEPTH as it is, so its scan is only needed for a page that went deeper in an uncapped reading.
    parser.end(this.capped ? limitDepth(html) : html);
    if (this.tooDeep) return;
    flushText();
    this.open.length = outer;
  }

  /** Adds a <style>'s rules; true when one applies to an element already styled. */
  learnStyles(sheet: string): boolean {
    this.byIdentity.clear();
    this.byBareTag.clear();
    return this.rules.addSheet(sheet).some(({ by, name }) => this.seen[by].has(name));
  }

  /** Adds ids a script hides; true when one belongs to an element already styled. */
  learnHiddenIds(ids: readonly string[]): boolean {
    for (const id of ids) this.hiddenIds.add(id);
    return ids.some((id) => this.seen.ids.has(id));
  }

  /** The links in document order, hidden ones with their text folded (a page's hundreds of visible links' text is never read). */
  foldedLinks(): PageLink[] {
    const texts = foldEach(this.links.map((l) => (l.hiddenBy === null ? '' : l.text)));
    // Spelled out, not spread: the same keys in the same order, without copying through a generic path per link.
    return this.links.map((link, i) => ({ href: link.href, host: link.host, text: texts[i] ?? '', hiddenBy: link.hiddenBy, written: link.written }));
  }

  /** The frames in document order, their titles folded. */
  foldedFrames(): PageFrame[] {
    const texts = foldEach(this.frames.map((f) => f.text));
    return this.frames.map((frame, i) => ({ src: frame.src, host: frame.host, text: texts[i] ?? '', hiddenBy: frame.hiddenBy, written: frame.written }));
  }

  private flush(heading: boolean): void {
    if (this.currentShows) this.blocks.push({ text: this.current, heading });
    this.current = '';
    this.currentShows = false;
  }

  private get context(): Context {
    return (this.open[this.open.length - 1] as Open).context;
  }

  private enterTag(tag: string, attribs: Record<string, string>): void {
    if (this.skipping > 0) {
      this.skipping++;
      return;
    }
    const context = this.context;
    if (tag === 'script') {
      this.skipping = 1;
      this.script = '';
      return;
    }
    if (tag === 'iframe' || tag === 'frame') this.frame(tag, attribs, context);
    if (skippedTags.has(tag)) {
      if (mediaTags.has(tag)) this.hasMedia = true;
      this.skipping = 1;
      this.script = null;
      return;
    }
    const inner = this.enter(tag, attribs, context);
    this.open.push({ tag, context: inner, opensLink: inner.link !== context.link });
  }

  private leaveTag(): void {
    if (this.skipping > 0) {
      if (--this.skipping === 0 && this.script !== null) {
        const written = writtenHtml(this.script);
        this.script = null;
        if (written) this.read(written, { ...this.context, written: true }, null);
      }
      return;
    }
    const open = this.open.pop() as Open;
    this.leave(open.tag ?? '', open.context, open.opensLink);
  }

  private enter(tag: string, attribs: Record<string, string>, context: Context): Context {
    const id = idOf(attribs);
    const classes = this.classesOf(attribs);
    if (id) this.ids.add(id);
    for (const c of classes) this.classes.add(c);
    if (blockTags.has(tag)) this.flush(false);
    if (mediaTags.has(tag)) this.hasMedia = true;

    const visual = this.visual(tag, attribs, id, classes, context).visual;

    if (tag === 'img' && context.link) context.link.hasImage = true;
    let link = context.link;
    if (tag === 'a' && attribs.href) {
      const url = this.resolve(attribs.href);
      if (url) link = { href: url.href, host: url.host, text: '', visual, hasImage: false };
    }
    if (visual === context.visual && link === context.link) return context;
    return { visual, link, written: context.written };
  }

  /** The element's rendering state, and the declarations it came from. */
  private visual(
    tag: string,
    attribs: Record<string, string>,
    id: string | null,
    classes: readonly string[],
    context: Context,
  ): { visual: Visual; declarations: ReadonlyMap<string, string> } {
    this.seen.tags.add(tag);
    if (id) this.seen.ids.add(id);
    for (const c of classes) this.seen.classes.add(c);
    const declarations = this.declarations(tag, attribs, id, classes);
    // No declarations leave every inherited property as it was: keep the parent's state object.
    let visual = declarations.size === 0 ? context.visual : this.apply(context.visual, declarations);
    const forced = forcedHiding(tag, attribs, declarations, id, this.hiddenIds);
    if (forced && !visual.hard) visual = { ...visual, hard: forced };
    return { visual, declarations };
  }

  /** A frame's address and whether a visitor can see it; frames have no children worth reading. */
  private frame(tag: string, attribs: Record<string, string>, context: Context): void {
    const url = attribs.src ? this.resolve(attribs.src) : null;
    if (!url) return;
    const id = idOf(attribs);
    const classes = this.classesOf(attribs);
    const { visual, declarations } = this.visual(tag, attribs, id, classes, context);
    // A frame shows another page, not text: only hiding that also hides an image counts.
    const hiddenBy = hidingReason(visual, true) ?? (isTinyFrame(attribs, declarations) ? 'zero-size' : null);
    const text = [attribs.title, attribs.name].filter(Boolean).join(' ');
    this.frames.push({ src: url.href, host: url.host, text, hiddenBy, written: context.written });
  }

  /**
   * A state from its parent's and the element's declarations. Declarations that come from <style> rules alone are
   * shared by every element with the same tag, id and classes (see declarations), and siblings share their
   * parent's state, so a list's hundred <li>s cost one computation.
   */
  private apply(parent: Visual, declarations: Declarations): Visual {
    if (!this.shared.has(declarations)) return applyDeclarations(parent, declarations);
    let byDeclarations = this.applied.get(parent);
    if (!byDeclarations) this.applied.set(parent, (byDeclarations = new Map()));
    let visual = byDeclarations.get(declarations);
    if (!visual) byDeclarations.set(declarations, (visual = applyDeclarations(parent, declarations)));
    return visual;
  }

  /** Presentational hints, then <style> rules, then the style attribute: later ones win. */
  private declarations(tag: string, attribs: Record<string, string>, id: string | null, classes: readonly string[]): Declarations {
    const ruled = this.rules.touches(tag, id, classes);
    const own = attribs.style !== undefined || hasPresentationalHints(attribs);
    if (!ruled && !own) return noDeclarations;
    if (!own) return this.ruled(tag, id, classes);
    const declarations = presentationalHints(attribs);
    if (ruled) for (const [p, v] of this.rules.declarationsFor(tag, id, classes)) declarations.set(p, v);
    if (attribs.style !== undefined) for (const [p, v] of parseDeclarations(attribs.style)) declarations.set(p, v);
    return declarations;
  }

  private classesOf(attribs: Record<string, string>): readonly string[] {
    const attribute = attribs.class;
    if (attribute === undefined) return noClasses;
    let classes = this.classLists.get(attribute);
    if (!classes) {
      classes = attribute.split(/\s+/).filter(Boolean);
      this.classLists.set(attribute, classes);
    }
    return classes;
  }

  /** What the <style> rules say about elements with this tag, id and classes; one object per combination. */
  private ruled(tag: string, id: string | null, classes: readonly string[]): Declarations {
    const bare = id === null && classes.length === 0;
    const key = bare ? tag : `${tag} ${id ?? ''} ${classes.join(' ')}`;
    const cache = bare ? this.byBareTag : this.byIdentity;
    let declarations = cache.get(key);
    if (!declarations) {
      declarations = this.rules.declarationsFor(tag, id, classes);
      cache.set(key, declarations);
      this.shared.add(declarations);
    }
    return declarations;
  }

  private leave(tag: string, context: Context, opensLink: boolean): void {
    if (blockTags.has(tag)) this.flush(headingTags.has(tag));
    const link = context.link;
    if (opensLink && link) {
      this.links.push({
        href: link.href,
        host: link.host,
        text: link.text,
        hiddenBy: hidingReason(link.visual, link.hasImage),
        written: context.written,
      });
    }
  }

  private text(data: string): void {
    if (this.skipping > 0) {
      if (this.skipping === 1 && this.script !== null) this.script += data;
      return;
    }
    const context = this.context;
    if (context.link) context.link.text += data;
    if (hidingReason(context.visual)) this.hidden.push(data);
    else {
      this.current += data;
      // \s is exactly what trim() removes (white space and line terminators).
      if (!this.currentShows) this.currentShows = hasNonSpace(data);
    }
  }
}

const noDeclarations: Declarations = new Map();

/**
 * /\S/.test(data) without the call into the regex engine (a page has about a thousand pieces of text, most of which
 * show at their first character): JavaScript's white space and line terminators, as \s and trim() know them.
 */
function hasNonSpace(data: string): boolean {
  for (let i = 0; i < data.length; i++) {
    const unit = data.charCodeAt(i);
    if (unit === 0x20 || (unit >= 0x09 && unit <= 0x0d)) continue;
    if (unit < 0xa0) return true;
    if (
      unit === 0xa0 ||
      unit === 0x1680 ||
      (unit >= 0x2000 && unit <= 0x200a) ||
      unit === 0x2028 ||
      unit === 0x2029 ||
      unit === 0x202f ||
      unit === 0x205f ||
      unit === 0x3000 ||
      unit === 0xfeff
    ) {
      continue;
    }
    return true;
  }
  return false;
}

function idOf(attribs: Record<string, string>): string | null {
  return attribs.id?.trim() || null;
}

/**
 * A frame 1 px or less wide or tall shows nothing, whatever its overflow
 * (<iframe width="0" height="0"> is the classic 挂马 and 暗链 frame).
 * HTML size attributes are unitless pixels; percentages are not small.
 */
function isTinyFrame(attribs: Record<string, string>, declarations: ReadonlyMap<string, string>): boolean {
  return ['width', 'height'].some((side) => {
    const css = declarations.get(side);
    const attribute = attribs[side]?.trim();
    const px = css !== undefined ? lengthPx(css) : attribute !== undefined && /^[\d.]+(px)?$/.test(attribute) ? Number.parseFloat(attribute) : null;
    return px !== null && px <= 1;
  });
}

function hasPresentationalHints(attribs: Record<string, string>): boolean {
  return Boolean(attribs.color) || Boolean(attribs.bgcolor) || attribs.hidden !== undefined;
}

/** HTML attributes that act like CSS (old government templates use <font color> and bgcolor a lot). */
function presentationalHints(attribs: Record<string, string>): Map<string, string> {
  const hints = new Map<string, string>();
  if (attribs.color) hints.set('color', attribs.color.toLowerCase());
  if (attribs.bgcolor) hints.set('background-color', attribs.bgcolor.toLowerCase());
  if (attribs.hidden !== undefined) hints.set('display', 'none');
  return hints;
}

/** Hiding that comes from the element itself rather than from CSS. */
function forcedHiding(
  tag: string,
  attribs: Record<string, string>,
  declarations: ReadonlyMap<string, string>,
  id: string | null,
  hiddenIds: ReadonlySet<string>,
): HidingReason | null {
  if (id && hiddenIds.has(id)) return 'script';
  if (tag === 'marquee') {
    // HTML size attributes are unitless pixels ("1", "5"); CSS ones need a unit.
    const sizes = ['height', 'width'].map((side) => {
      const attribute = attribs[side];
      return attribute === undefined ? lengthPx(declarations.get(side) ?? '') : Number.parseFloat(attribute);
    });
    if (sizes.some((px) => px !== null && px <= 5)) return 'marquee';
  }
  return null;
}
