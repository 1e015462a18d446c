import type { Redis } from 'ioredis';
import { UserError } from '../errors/user-error.js';
import type { Keys } from '../store/keys.js';
import type { ContactStatus, StoredContact } from './stored-contact.js';

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
    const raw = await this.redis.hget(this.keys.contacts(this.campaign), id);
    return raw ? (JSON.parse(raw) as StoredContact) : null;
  }

  async idByEmail(email: string): Promise<string | null> {
    return this.redis.hget(this.keys.emails(this.campaign), email.trim().toLowerCase());
  }

  /** All contacts in import order. */
  async all(): Promise<StoredContact[]> {
    const ids = await this.ids();
    if (ids.length === 0) return [];
    const raws = await this.redis.hmget(this.keys.contacts(this.campaign), ...ids);
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as StoredContact);
  }

  async statuses(): Promise<Record<string, ContactStatus>> {
    return (await this.redis.hgetall(this.keys.status(this.campaign))) as Record<string, ContactStatus>;
  }
}
