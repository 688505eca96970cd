/**
 * Ids of chat messages already handled, per channel: platforms push a message
 * again when they think its acknowledgement was lost (and after a reconnect),
 * and a restart must not answer those a second time. Bounded: a platform
 * redelivers within minutes, so a day, or the last `keptPerChannel` ids, is plenty.
 */

/** What a two-way channel asks before handling a message. The store keeps it across restarts; tests may keep it in memory. */
export interface ProcessedIds {
  /** True the first time this id is seen on this channel (and it is remembered from then on). */
  firstTime(channel: string, id: string): Promise<boolean>;
}

export interface ProcessedId {
  readonly id: string;
  /** When it was first handled (ISO). */
  readonly at: string;
}

export type ProcessedMessages = Record<string, ProcessedId[]>;

export const keptPerChannel = 2000;
const keptMs = 86_400_000;

/** The channel's list with `id` added, or undefined when `id` is already in it. Old and surplus ids are dropped. */
export function withProcessed(list: readonly ProcessedId[], id: string, now: Date): ProcessedId[] | undefined {
  if (list.some((p) => p.id === id)) return undefined;
  const since = now.getTime() - keptMs;
  return [...list.filter((p) => Date.parse(p.at) >= since), { id, at: now.toISOString() }].slice(-keptPerChannel);
}

/** The same rule in memory, for a channel used without a store. */
export function processedInMemory(now: () => Date = () => new Date()): ProcessedIds {
  const lists = new Map<string, ProcessedId[]>();
  return {
    async firstTime(channel, id) {
      const next = withProcessed(lists.get(channel) ?? [], id, now());
      if (next) lists.set(channel, next);
      return next !== undefined;
    },
  };
}
