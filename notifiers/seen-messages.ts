/**
 * Which incoming messages a channel already handled. Platforms push a message
 * again when they think it was lost (a dropped connection, a slow answer), and
 * a command must run once however often it arrives. This in-memory one forgets
 * on restart; the service can hand channels a persisted one instead (ChatHost.seen).
 */
export interface SeenMessages {
  /** False the first time (the id is remembered from then on), true on every repeat. */
  seen(channel: string, id: string): boolean;
}

/** Redelivery comes within minutes, so the last few thousand ids are plenty. */
export function seenInMemory(limit = 5000): SeenMessages {
  const ids = new Set<string>();
  return {
    seen(channel, id) {
      const key = `${channel}\u0000${id}`;
      if (ids.has(key)) return true;
      ids.add(key);
      if (ids.size > limit) ids.delete(ids.values().next().value!);
      return false;
    },
  };
}
