import test from 'ava';
import { RateWindow } from '../../notifiers/rate-window.ts';
import { fakeClock } from './fake-clock.ts';

test('the 21st send in a minute waits until the oldest leaves the window', async (t) => {
  const clock = fakeClock();
  const window = new RateWindow(20, clock);
  for (let i = 0; i < 20; i++) await window.take();
  t.deepEqual(clock.sleeps, []);
  await window.take();
  t.deepEqual(clock.sleeps, [60_000]);
});

test('the window rolls: a wait is only as long as the oldest send has left', async (t) => {
  const clock = fakeClock();
  const window = new RateWindow(2, clock);
  await window.take();
  clock.advance(45_000);
  await window.take();
  await window.take(); // the first send leaves at 60 s: 15 s from now
  t.deepEqual(clock.sleeps, [15_000]);
  clock.advance(60_000);
  await window.take();
  await window.take();
  t.deepEqual(clock.sleeps, [15_000], 'a minute later there is room again');
});

test('concurrent callers are served in the order they asked', async (t) => {
  const clock = fakeClock();
  const window = new RateWindow(1, clock, 1000);
  const order: number[] = [];
  await Promise.all([1, 2, 3].map((n) => window.take().then(() => order.push(n))));
  t.deepEqual(order, [1, 2, 3]);
  t.deepEqual(clock.sleeps, [1000, 1000]);
});

test('a limit below one is refused', (t) => {
  t.throws(() => new RateWindow(0), { instanceOf: RangeError });
});
