/** Every kind `classifyMessage` gives, in the order lists and reports show them. */
export const KINDS = ['reply', 'auto_reply', 'bounce', 'other'] as const;

/** What `classifyMessage` says about one incoming message. */
export type ReplyKind = (typeof KINDS)[number];

/** Every reply hint, in the order lists and errors show them. */
export const HINTS = ['positive', 'negative', 'referral', 'opt_out', 'neutral'] as const;

/** Rule-based reading of a human reply; precedence opt_out > referral > negative > positive. */
export type ReplyHint = (typeof HINTS)[number];

export interface BounceInfo {
  /** hard: permanent (5.x.x); soft: transient (4.x.x, "delayed", "will retry"). */
  type: 'hard' | 'soft';
  /** RFC 3463 enhanced status code, e.g. 5.1.1. */
  status?: string;
  /** The address that could not be reached (the first one when several failed). */
  recipient?: string;
  /** The remote server's words (Diagnostic-Code or the matching line of the notice). */
  diagnostic?: string;
}

export interface Classification {
  kind: ReplyKind;
  messageId?: string;
  inReplyTo?: string;
  references: string[];
  from?: string;
  subject?: string;
  /** ISO 8601 date of the message's Date header. */
  date?: string;
  /** Our X-Outreach-Campaign header, on the message itself or quoted inside a bounce. */
  outreachCampaign?: string;
  /** Our X-Outreach-Contact header, on the message itself or quoted inside a bounce. */
  outreachContact?: string;
  /** Message-ID of our original message, quoted inside a bounce. */
  originalMessageId?: string;
  bounce?: BounceInfo;
  autoReply?: { returnDate?: string };
  reply?: { text: string; hint: ReplyHint };
  /** Which rules fired, human readable. */
  reasons: string[];
}

export interface ClassifyOptions {
  /** The input is a message body without headers (a reply's text or HTML). */
  bodyOnly?: boolean;
  /** Reference time for relative return dates when the message has no Date header. */
  now?: Date;
}
