import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../config/secret.ts';

/**
 * Who may see what: admins log in with the password from the environment,
 * owners come in through a signed link that shows only their accounts. Links
 * and sessions are signed values (HMAC-SHA256), not server-side state, so a
 * restart of the service logs nobody out and a link in yesterday's digest
 * still opens. To sign people out before their time: a new admin password
 * ends every admin session (their signature covers the password), a new
 * signing key ends every session and link.
 */

export type Viewer = { readonly role: 'admin' } | { readonly role: 'owner'; readonly owner: string };

export interface Session {
  /** null: a visitor on the login page, who has a CSRF token but sees nothing. */
  readonly viewer: Viewer | null;
  /** Echoed by every form of this session: a cross-site page cannot read it. */
  readonly csrf: string;
  /** Epoch ms. */
  readonly expires: number;
}

export type LinkCheck = { readonly owner: string } | 'forged' | 'expired';
export type SessionCheck = Session | 'tampered' | 'expired';

export interface AuthSettings {
  readonly linkDays: number;
  readonly sessionHours: number;
  readonly adminPassword?: Secret | undefined;
}

const hourMs = 3_600_000;
/** A visitor's session only carries the login form's token. */
const visitorMs = hourMs;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export class Auth {
  readonly #key: Buffer;
  readonly #settings: AuthSettings;
  readonly #now: () => Date;

  constructor(key: Buffer, settings: AuthSettings, now: () => Date) {
    this.#key = key;
    this.#settings = settings;
    this.#now = now;
  }

  /** The path of an owner's link (append to the page's address); valid for linkDays. */
  ownerLinkPath(owner: string): string {
    return `/link/${this.#seal('link', { o: owner, e: this.#now().getTime() + this.#settings.linkDays * 24 * hourMs })}`;
  }

  readLink(token: string): LinkCheck {
    const value = this.#open('link', token) as { o?: unknown; e?: unknown } | null;
    if (!value || typeof value.o !== 'string' || typeof value.e !== 'number') return 'forged';
    return value.e > this.#now().getTime() ? { owner: value.o } : 'expired';
  }

  /** A session for this viewer: sessionHours from signing in (an owner: from opening the link), an hour for a visitor. */
  newSession(viewer: Viewer | null): Session {
    const length = viewer ? this.#settings.sessionHours * hourMs : visitorMs;
    return { viewer, csrf: randomBytes(18).toString('base64url'), expires: this.#now().getTime() + length };
  }

  sessionCookie(session: Session): string {
    return this.#seal(this.#sessionPurpose(session.viewer), session);
  }

  readSession(cookie: string): SessionCheck {
    const value = this.#open((claimed) => this.#sessionPurpose((claimed as Partial<Session> | null)?.viewer ?? null), cookie) as Session | null;
    if (!value || typeof value.csrf !== 'string' || typeof value.expires !== 'number') return 'tampered';
    return value.expires > this.#now().getTime() ? value : 'expired';
  }

  get adminLoginEnabled(): boolean {
    return Boolean(this.#settings.adminPassword?.reveal());
  }

  /** Constant time over the digests, so neither the length nor a common prefix shows in the timing. */
  passwordMatches(given: string): boolean {
    const expected = this.#settings.adminPassword?.reveal();
    if (!expected) return false;
    return timingSafeEqual(sha256(given), sha256(expected));
  }

  /** The same token from the form as in the session, compared in constant time. */
  static csrfMatches(session: Session, given: unknown): boolean {
    return typeof given === 'string' && timingSafeEqual(sha256(given), sha256(session.csrf));
  }

  /** An admin session is signed for the password it was opened with: another password, and it no longer opens. */
  #sessionPurpose(viewer: Viewer | null): string {
    if (viewer?.role !== 'admin') return 'session';
    return `session\nadmin ${sha256(this.#settings.adminPassword?.reveal() ?? '').toString('hex')}`;
  }

  #mac(purpose: string, payload: string): Buffer {
    return createHmac('sha256', this.#key).update(`${purpose}\n${payload}`).digest();
  }

  #seal(purpose: string, value: unknown): string {
    const payload = Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${payload}.${this.#mac(purpose, payload).toString('base64url')}`;
  }

  /** The sealed value, or null. `purpose` may depend on what the value claims: it is trusted only once the signature matches. */
  #open(purpose: string | ((claimed: unknown) => string), token: string): unknown {
    const [payload, mac, ...rest] = token.split('.');
    if (!payload || !mac || rest.length > 0) return null;
    let claimed: unknown;
    try {
      claimed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    } catch {
      return null;
    }
    const given = Buffer.from(mac, 'base64url');
    const expected = this.#mac(typeof purpose === 'string' ? purpose : purpose(claimed), payload);
    return given.length === expected.length && timingSafeEqual(given, expected) ? claimed : null;
  }
}
