import { checkChannel } from '../channels/registry.ts';
import type { DoctorCheck } from '../types.ts';

/** Every configured channel, each by the check of its type. */
export const channelsCheck: DoctorCheck = {
  needsConfig: true,
  run: async (context) => (await Promise.all(context.config.channels.map((channel) => checkChannel(channel, context)))).flat(),
};
