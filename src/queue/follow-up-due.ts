import type { StoredContact } from '../campaign/stored-contact.js';
import type { Config } from '../config/schema.js';
import { addBusinessDays } from '../pacing/business-days.js';

/**
 * When the follow-up after step `step` (sent at `sentAt`) is due: its delay in business days,
 * in the recipient's zone (the config's default when the row names none); null when the
 * config has no follow-up after `step`. Here, in queue/, so that `retry` and the send
 * worker's scheduling (send/ may import queue/, not the reverse: ARCHITECTURE.md, folder
 * table) compute it alike.
 */
export function followUpDueAt(
  config: Pick<Config, 'pacing' | 'followups'>, contact: Pick<StoredContact, 'row'>, step: number, sentAt: number,
): number | null {
  const next = config.followups[step];
  if (!next) return null;
  return addBusinessDays(sentAt, next.delayBusinessDays, contact.row.timezone ?? config.pacing.defaultTimezone);
}
