import { checkChannel } from '../channels/registry.ts';
import type { DoctorCheck } from '../types.ts';

/** Every configured channel, each by the check of its type. */
export const channelsCheck: DoctorCheck = {
  needsConfig: true,
  run: async ({ config, send }) => Promise.all(config.channels.map((channel) => checkChannel(channel, send))),
};
