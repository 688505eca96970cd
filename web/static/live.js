// Refreshes the page's <main> when a sweep finishes, without a reload: the
// server sends a `swept` event on /events; where the stream does not get
// through (a proxy that buffers, an old WebView), /version is polled instead.
(() => {
  const pollMs = 30000;
  let polling = false;
  let lastRun;

  async function refresh() {
    const response = await fetch(location.href, { credentials: 'same-origin', cache: 'no-store' });
    if (!response.ok) return;
    const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('main[data-live]');
    const current = document.querySelector('main[data-live]');
    if (!next || !current) return;
    current.replaceWith(document.adoptNode(next));
    document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed || 0) + 1);
  }

  async function poll() {
    try {
      const { run } = await (await fetch('/version', { credentials: 'same-origin', cache: 'no-store' })).json();
      if (lastRun !== undefined && run !== lastRun) await refresh();
      lastRun = run;
    } catch {
      // Offline for a moment: the next poll tries again.
    }
    setTimeout(poll, pollMs);
  }

  function startPolling() {
    if (polling) return;
    polling = true;
    void poll();
  }

  if (typeof EventSource === 'undefined') return startPolling();
  const events = new EventSource('/events');
  events.addEventListener('open', () => {
    document.body.dataset.live = 'connected';
  });
  events.addEventListener('swept', () => void refresh());
  events.addEventListener('error', () => {
    // CLOSED: the browser gave up reconnecting (the session ended, or SSE is blocked).
    if (events.readyState === EventSource.CLOSED) startPolling();
  });
})();
