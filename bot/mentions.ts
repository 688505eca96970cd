import type { Config } from '../config/load.ts';
import type { Person } from '../config/schema.ts';
import { mentionsOn } from '../notifiers/registry.ts';
import type { Mentions } from '../notifiers/types.ts';
import type { Recipient } from '../store/schema.ts';

/**
 * Who to @ when a message goes to `to` about `people`. Only a group robot
 * needs it (in a group, a message nobody is @-ed in is easily missed); the
 * bot's own WeChat writes to the person directly, or to the work group by name.
 */
export function mentionsFor(config: Config, to: Recipient, people: readonly Person[]): Mentions | undefined {
  const name = to.kind === 'channel' ? to.name : to.kind === 'person' ? to.channel : undefined;
  const channel = name === undefined ? undefined : config.channels.find((c) => c.name === name);
  return channel ? mentionsOn(channel.type, people) : undefined;
}
