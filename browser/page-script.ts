/**
 * Runs in every frame before the page's own scripts: what a phone would ask
 * the citizen about (service workers installing, sockets the request guard
 * cannot see) is simply not there.
 */
export const lockdownScript = `(() => {
  try { Object.defineProperty(navigator, 'serviceWorker', { get: () => undefined }); } catch {}
  for (const name of ['WebSocket', 'WebTransport', 'RTCPeerConnection', 'webkitRTCPeerConnection']) {
    try { delete globalThis[name]; globalThis[name] = undefined; } catch {}
  }
})();`;

/** What the rendered page shows; a string so the Node-only type check has no DOM to know about. */
export const snapshotScript = `(() => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 2 && r.height > 2 && r.right > 0 && r.bottom > 0 && s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0.05;
  };
  const iframes = [...document.querySelectorAll('iframe, frame')].slice(0, 50).map((f) => ({ src: f.src, hidden: !visible(f) }));
  const images = [...document.images].filter((i) => i.complete && i.naturalWidth > 0 && visible(i)).length;
  return {
    title: document.title,
    text: (document.body ? document.body.innerText : '').slice(0, 20000),
    images,
    iframes,
    html: document.documentElement.outerHTML.slice(0, 2000000),
  };
})()`;

export interface PageSnapshot {
  readonly title: string;
  /** The visible text (innerText: display:none and the like left out). */
  readonly text: string;
  /** Loaded images that can be seen. */
  readonly images: number;
  readonly iframes: readonly { readonly src: string; readonly hidden: boolean }[];
  /** The DOM after the page's scripts ran, for the same detectors as the delivered HTML. */
  readonly html: string;
}
