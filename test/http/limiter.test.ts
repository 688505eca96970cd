import test from 'ava';
import { HostLimiter } from '../../http/limiter.ts';

/** A promise and its resolve, to end a piece of work when the test says so. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('an admitted fetch does not begin until a slot is free, and its first request takes that slot without queueing again', async (t) => {
  const limiter = new HostLimiter(1, 1);
  const began: string[] = [];
  const firstHop = gate();
  const admitted = (name: string, hop: Promise<void>) =>
    limiter.admit('a.gov.cn', async (slot) => {
      began.push(name);
      await tick(); // the vetting before a request
      await limiter.run('a.gov.cn', () => hop, slot);
      return name;
    });

  const one = admitted('one', firstHop.promise);
  const two = admitted('two', Promise.resolve());
  await tick();
  t.deepEqual(began, ['one'], 'the second URL waits as an entry in the queue, its fetch not begun');

  firstHop.open();
  t.deepEqual(await Promise.all([one, two]), ['one', 'two']);
  t.deepEqual(began, ['one', 'two']);
  t.like(limiter.stats()['a.gov.cn'], { requests: 2, peakInFlight: 1 });
});

test('a redirect or retry after the first request queues for a slot like any request', async (t) => {
  const limiter = new HostLimiter(1, 1);
  const order: string[] = [];
  const firstHop = gate();
  const fetch = limiter.admit('a.gov.cn', async (slot) => {
    await limiter.run('a.gov.cn', () => firstHop.promise.then(() => order.push('first hop')), slot);
    await limiter.run('a.gov.cn', async () => order.push('second hop'), slot);
  });
  await tick();
  // Queued while the first hop holds the only slot: it goes before the second hop, which queues behind it.
  const other = limiter.run('a.gov.cn', async () => order.push('other URL'));
  firstHop.open();
  await Promise.all([fetch, other]);
  t.deepEqual(order, ['first hop', 'other URL', 'second hop']);
});

test('a slot held for one host is not used by a request to another: that one queues on its own host', async (t) => {
  const limiter = new HostLimiter(2, 1);
  const fetch = limiter.admit('a.gov.cn', (slot) => limiter.run('b.gov.cn', async () => 'b answered', slot));
  t.is(await fetch, 'b answered');
  const stats = limiter.stats();
  t.like(stats['b.gov.cn'], { requests: 1 });
  t.like(stats['a.gov.cn'], { requests: 0 }, 'the admission that sent nothing to a.gov.cn counts no request there');
});

test('an admission that ends without a request gives its slot back, counts no request, and a failure reaches the caller', async (t) => {
  const limiter = new HostLimiter(1, 1);
  const refused = limiter.admit('a.gov.cn', async () => 'refused before any request');
  const broken = limiter.admit('a.gov.cn', async () => {
    throw new Error('bug');
  });
  const next = limiter.run('a.gov.cn', async () => 'next');
  t.is(await refused, 'refused before any request');
  await t.throwsAsync(broken, { message: 'bug' });
  t.is(await next, 'next');
  t.like(limiter.stats()['a.gov.cn'], { requests: 1 });
});
