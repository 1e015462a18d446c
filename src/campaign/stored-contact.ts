import type { ContactRow } from '../contacts/contact.js';

/** A contact as kept in Redis: the validated row, plus where it came from for error messages. */
export interface StoredContact {
  id: string;
  email: string;
  row: ContactRow;
  source: string;
  /** The A/B variant assigned to it (campaign/variant-assignment.ts), read from its own hash. */
  variant?: string;
}

export type ContactStatus = 'active' | 'replied' | 'bounced' | 'opted_out';
