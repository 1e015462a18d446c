import type { Redis } from 'ioredis';
import { UserError } from '../errors/user-error.js';
import type { Keys } from '../store/keys.js';
import type { ContactStatus, StoredContact } from './stored-contact.js';

function withVariant(c: StoredContact, variant: string | null): StoredContact {
  return variant ? { ...c, variant } : c;
}

/** Read access to a campaign's contacts, in import order. */
export class CampaignReader {
  constructor(private readonly redis: Redis, private readonly keys: Keys, readonly campaign: string) {}

  async exists(): Promise<boolean> {
    return (await this.redis.sismember(this.keys.campaigns(), this.campaign)) === 1;
  }

  async mustExist(): Promise<void> {
    if (!(await this.exists()))
      throw new UserError(`no campaign named "${this.campaign}"`, {
        where: '--campaign',
        hint: `import contacts first: outreach import data/contacts.csv --campaign ${this.campaign}`,
      });
  }

  async ids(): Promise<string[]> {
    return this.redis.zrange(this.keys.order(this.campaign), '0', '-1');
  }

  async get(id: string): Promise<StoredContact | null> {
    const [raw, variant] = await Promise.all([this.redis.hget(this.keys.contacts(this.campaign), id), this.redis.hget(this.keys.variants(this.campaign), id)]);
    return raw ? CampaignReader.parse(raw, variant) : null;
  }

  /** A contact from its stored JSON and its variant (or null), as read by get(). */
  static parse(raw: string, variant: string | null): StoredContact {
    return withVariant(JSON.parse(raw) as StoredContact, variant);
  }

  async idByEmail(email: string): Promise<string | null> {
    return this.redis.hget(this.keys.emails(this.campaign), email.trim().toLowerCase());
  }

  /** All contacts in import order. */
  async all(): Promise<StoredContact[]> {
    const ids = await this.ids();
    if (ids.length === 0) return [];
    const [raws, variants] = await Promise.all([
      this.redis.hmget(this.keys.contacts(this.campaign), ...ids), this.redis.hmget(this.keys.variants(this.campaign), ...ids),
    ]);
    return raws.flatMap((r, i) => (r === null ? [] : [CampaignReader.parse(r, variants[i] ?? null)]));
  }

  async statuses(): Promise<Record<string, ContactStatus>> {
    return (await this.redis.hgetall(this.keys.status(this.campaign))) as Record<string, ContactStatus>;
  }
}
