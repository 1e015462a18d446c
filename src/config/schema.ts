import { z } from 'zod';
import { isIanaZone, ZONE_PROBLEM } from '../contacts/time-zone.js';

/**
 * The one configuration schema (outreach.config.json plus the environment of CLI-CONTRACT.md).
 * Defaults live here and nowhere else; each module receives only its slice.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'expected HH:MM (24-hour)');
const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

// Objects are strict: an unknown (or misspelt) key is an error naming it, never silently ignored.

export const PacingSchema = z
  .strictObject({
    dailyCap: z.number().int().positive().default(30),
    batchSize: z.number().int().positive().default(25),
    /** Rest after a full batch, so a batch reads as one sitting at the keyboard. */
    batchPauseMinutes: z.number().nonnegative().default(120),
    gapSeconds: z
      .strictObject({ min: z.number().nonnegative().default(60), max: z.number().nonnegative().default(180) })
      .refine((g) => g.max >= g.min, 'max must be >= min')
      .prefault({}),
    days: z.array(weekday).min(1).default(['tue', 'wed', 'thu']),
    hours: z
      .strictObject({ start: hhmm.default('08:00'), end: hhmm.default('11:00') })
      .refine((h) => h.end > h.start, 'end must be after start')
      .prefault({}),
    /** Used for contacts whose CSV row has no `timezone`. */
    defaultTimezone: z.string().refine(isIanaZone, ZONE_PROBLEM).default('America/New_York'),
  })
  .prefault({});

// ---- Gmail (transport and reply source) ----

/**
 * Google's published daily sending limits per account type ("Gmail sending limits in Google
 * Workspace" and "Limits for sending & getting mail"): 500 a day for a personal Gmail
 * account or a Workspace trial, 2,000 for a paid Workspace account.
 */
export const GMAIL_DAILY_LIMITS = { gmail: 500, 'workspace-trial': 500, workspace: 2000 } as const;

export const GmailSchema = z
  .strictObject({
    /** Gmail API root URL (GMAIL_API_URL); loopback counts as on this machine. */
    apiUrl: z.string().default('https://gmail.googleapis.com/'),
    /** OAuth 2.0 token endpoint (GOOGLE_OAUTH_TOKEN_URL). */
    tokenUrl: z.string().default('https://oauth2.googleapis.com/token'),
    /** The authorized_user token file; config/load.ts fills it from the environment. */
    tokenFile: z.string().optional(),
    accountType: z.enum(['gmail', 'workspace', 'workspace-trial']).default('gmail'),
    /** A lower cap of your own; the lowest of this, Google's limit and pacing.dailyCap applies. */
    dailyCap: z.number().int().positive().optional(),
  })
  .prefault({});

/** With the Gmail transport, the daily cap is the lower of pacing.dailyCap and the account's Gmail limit. */
function gmailDailyCap<C extends { transport: { kind?: string }; pacing: { dailyCap: number }; gmail: z.infer<typeof GmailSchema> }>(c: C): C {
  if (c.transport.kind !== 'gmail') return c;
  const cap = Math.min(c.pacing.dailyCap, c.gmail.dailyCap ?? Infinity, GMAIL_DAILY_LIMITS[c.gmail.accountType]);
  return { ...c, pacing: { ...c.pacing, dailyCap: cap } };
}

/** A follow-up step; without a delay, the first waits 5 business days and later ones 7. */
export const SequenceStepSchema = z.strictObject({
  template: z.string(),
  delayBusinessDays: z.number().nonnegative().optional(),
});

export const VariantSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, 'letters, digits, "_" or "-" (at most 32)'),
  subject: z.string().optional(),
  parts: z.record(z.string(), z.string()).default({}),
});

export const ConfigSchema = z.strictObject({
  sender: z.strictObject({
    name: z.string().min(1),
    email: z.email(),
    replyTo: z.email().optional(),
  }),
  redis: z
    .strictObject({ url: z.string().default('redis://127.0.0.1:6379'), prefix: z.string().min(1).default('outreach') })
    .prefault({}),
  transport: z
    .strictObject({
      /** outbox, smtp or gmail; unset: SMTP when an SMTP URL is set, else the outbox. */
      kind: z.enum(['outbox', 'smtp', 'gmail']).optional(),
      smtpUrl: z.string().optional(),
      outboxDir: z.string().default('data/outbox'),
      pool: z
        .strictObject({ maxConnections: z.number().int().positive().default(4), maxMessages: z.number().int().positive().default(100) })
        .prefault({}),
    })
    .prefault({}),
  templates: z
    .strictObject({ outreach: z.string().default('templates/outreach.hbs') })
    .prefault({}),
  followups: z
    .array(SequenceStepSchema)
    .max(5)
    .default([{ template: 'templates/followup-1.hbs' }])
    .transform((steps) => steps.map((s, i) => ({ template: s.template, delayBusinessDays: s.delayBusinessDays ?? (i === 0 ? 5 : 7) }))),
  pacing: PacingSchema,
  retry: z
    .strictObject({ attempts: z.number().int().positive().default(6), backoffSeconds: z.number().positive().default(60) })
    .prefault({}),
  worker: z
    .strictObject({
      /**
       * Sends in hand per worker process: three per SMTP connection (pool 4), so while each
       * connection carries a message the next ones are read and rendered; no more than two per
       * connection are claimed at a time (Transport.acquire), whatever this says. Chosen with
       * `npm run bench` (ratio to raw nodemailer, pool 4): 4 → 0.66, 8 → 0.86, 12 → 0.91.
       */
      concurrency: z.number().int().positive().default(12),
      /** A live worker refreshes its presence this often; one silent for 3× this is taken as dead. */
      heartbeatSeconds: z.number().positive().default(5),
      /** BullMQ job lock; a job whose worker stopped is picked up again after this. */
      lockSeconds: z.number().positive().default(30),
    })
    .prefault({}),
  /** The applicant's CV, attached to the first email only. */
  attachment: z.strictObject({ path: z.string(), filename: z.string().optional() }).optional(),
  imap: z
    .strictObject({ url: z.string().optional(), pollSeconds: z.number().positive().default(300) })
    .prefault({}),
  profile: z.string().default('profile.json'),
  /** What `outreach init` asked: the research topic and target institutions, for discover. */
  discover: z
    .strictObject({ topic: z.string().optional(), institutions: z.array(z.string()).default([]) })
    .optional(),
  /**
   * A/B variants of the first email: each names what it changes (the subject, and/or the text
   * of named parts). Contacts get one each, round-robin in import order; the first is the baseline.
   */
  variants: z.array(VariantSchema).default([]),
  gmail: GmailSchema,
}).transform(gmailDailyCap);

export type Config = z.infer<typeof ConfigSchema>;
export type PacingConfig = z.infer<typeof PacingSchema>;
export type SequenceStep = z.infer<typeof SequenceStepSchema>;
export type VariantConfig = z.infer<typeof VariantSchema>;
export type GmailConfig = z.infer<typeof GmailSchema>;
