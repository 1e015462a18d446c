import type { BounceInfo } from './types.js';
import { header, type ParsedInput } from './parse.js';
import { parseDeliveryStatus, cleanAddress } from './delivery-status.js';
import { noticePart, noticeRecipient, noticeStatus } from './bounce-text.js';
import { failureWording } from './bounce-phrases.js';
import { fromMailSystem, nullReturnPath, autoSubmitted } from './machine-signs.js';

export interface BounceVerdict {
  /** 'bounce' with details, 'not_bounce' for reports that are not failures (success DSN, ARF). */
  verdict: 'bounce' | 'not_bounce' | 'none';
  bounce?: BounceInfo;
  reasons: string[];
}

/** Subjects mail systems give their notices (samples: sisimai lhost-*, BounceParser corpus). */
const BOUNCE_SUBJECT =
  /undeliver|returned mail|returned to sender|delivery (status notification|failure|failed|has failed|notification|problem)|mail delivery (failed|failure|problem)|failure notice|non-?delivery|could not be delivered|mail system error|message status - undeliverable|delivery status|nondeliverable|unzustellbar|nicht zustellbar|non remis|no entregado|メールエラー|エラー通知|不達/i;

/**
 * Step 2 of the data flow: is this a non-delivery report?
 * 1. RFC 3464 multipart/report; report-type=delivery-status: the per-recipient Action and
 *    Status decide (failed → bounce, 5.x.x hard / 4.x.x soft; delayed → soft; delivered,
 *    relayed, expanded → a success report, not a bounce).
 * 2. Otherwise the vendor formats: X-Failed-Recipients (Exim), or failure wording in the notice
 *    together with a sign of an automatic notice (daemon sender, bounce subject, null
 *    Return-Path, a returned message attached).
 */
export function detectBounce(p: ParsedInput): BounceVerdict {
  if (p.bodyOnly) return { verdict: 'none', reasons: [] };
  const reportType = /report-type\s*=\s*"?([\w-]+)/.exec(p.contentType)?.[1]?.toLowerCase();
  if (p.contentType.startsWith('multipart/report') && reportType && reportType !== 'delivery-status') {
    return { verdict: 'not_bounce', reasons: [`multipart/report of type ${reportType} (not a delivery failure)`] };
  }
  const dsnLikely = p.contentType.startsWith('multipart/report') || /^final-recipient\s*:/im.test(p.text);
  const dsn = dsnLikely ? parseDeliveryStatus(p.text) : [];
  const skip = [p.from, ...(p.headers.get('to') ?? []).map((t) => addressOf(t))].filter((s): s is string => !!s);
  if (dsn.length > 0) {
    // "expired" is not an RFC 3464 action, but SendGrid writes it for a message it gave up on
    // after retrying (sisimai lhost-sendgrid-03): a failure after temporary errors.
    const failed = dsn.find((r) => r.action === 'failed') ?? dsn.find((r) => r.action === 'expired') ?? dsn.find((r) => r.action === 'delayed');
    const byStatus = dsn.find((r) => !r.action && r.status && /^[45]/.test(r.status));
    const hit = failed ?? byStatus;
    if (!hit) return { verdict: 'not_bounce', reasons: [`delivery-status report with Action ${dsn.map((r) => r.action).join(', ')}`] };
    const type = hit.status?.startsWith('4') || (!hit.status && (hit.action === 'delayed' || hit.action === 'expired')) ? 'soft' : 'hard';
    const recipient = hit.recipient ?? noticeRecipient(noticePart(p.text), skip);
    return {
      verdict: 'bounce',
      bounce: compact({ type, status: hit.status, recipient, diagnostic: hit.diagnostic }),
      reasons: [`RFC 3464 delivery-status: Action ${hit.action ?? '?'}, Status ${hit.status ?? '?'} (${type})`],
    };
  }
  const notice = noticePart(p.text || htmlAsText(p.html));
  const failedHeader = header(p, 'x-failed-recipients');
  const reasons: string[] = [];
  if (failedHeader) reasons.push('X-Failed-Recipients header (Exim)');
  const wording = failureWording(notice);
  const daemon = fromMailSystem(p);
  if (wording || daemon) {
    if (daemon) reasons.push(daemon);
    if (BOUNCE_SUBJECT.test(p.subject ?? '')) reasons.push(`bounce subject "${p.subject}"`);
    const nullPath = nullReturnPath(p);
    if (nullPath) reasons.push(nullPath);
    const auto = autoSubmitted(p);
    if (auto) reasons.push(auto);
    if (p.returnedParts.length > 0) reasons.push('returned message attached');
  }
  // Failure wording needs a sign that a mail system wrote it; a mail-system sender needs the
  // wording or a bounce subject (postmaster also sends reports and notices that are not bounces).
  const signs = reasons.filter((r) => !r.startsWith('X-Failed'));
  const isBounce = !!failedHeader || (wording !== undefined && signs.length > 0) || (!!daemon && signs.some((r) => r.startsWith('bounce subject')));
  if (!isBounce) return { verdict: 'none', reasons: [] };
  if (wording) reasons.push(`${wording.system} failure wording "${wording.phrase}"`);
  const st = noticeStatus(notice);
  const recipient = failedHeader ? cleanAddress(failedHeader.split(',')[0] ?? '') : noticeRecipient(notice, skip);
  reasons.push(`non-standard notice: ${st.status ?? 'no status code'} (${st.type})`);
  return { verdict: 'bounce', bounce: compact({ type: st.type, status: st.status, recipient, diagnostic: st.diagnostic }), reasons };
}

function addressOf(value: string): string | undefined {
  return /<([^>]+)>/.exec(value)?.[1] ?? (/\S+@\S+/.exec(value)?.[0] || undefined);
}

function htmlAsText(html: string | undefined): string {
  return (html ?? '').replace(/<br\s*\/?>|<\/(p|div)>/gi, '\n').replace(/<[^>]+>/g, '');
}

function compact(b: BounceInfo): BounceInfo {
  const out: BounceInfo = { type: b.type };
  if (b.status) out.status = b.status;
  if (b.recipient) out.recipient = b.recipient;
  if (b.diagnostic) out.diagnostic = b.diagnostic;
  return out;
}
