import type { BounceInfo } from './types.js';
import { header, type ParsedInput } from './parse.js';
import { parseDeliveryStatus, cleanAddress } from './delivery-status.js';
import { FAILURE_WORDING, noticePart, noticeRecipient, noticeStatus } from './bounce-text.js';

export interface BounceVerdict {
  /** 'bounce' with details, 'not_bounce' for reports that are not failures (success DSN, ARF). */
  verdict: 'bounce' | 'not_bounce' | 'none';
  bounce?: BounceInfo;
  reasons: string[];
}

const DAEMON_SENDER = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon|mdaemon|mail delivery (sub)?system)\b/i;
const BOUNCE_SUBJECT =
  /undeliver|returned mail|returned to sender|delivery (status notification|failure|failed|has failed|notification)|mail delivery (failed|failure)|failure notice|non-?delivery|could not be delivered|mail system error|unzustellbar|nicht zustellbar|non remis|no entregado|メールエラー|エラー通知/i;

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
    const failed = dsn.find((r) => r.action === 'failed') ?? dsn.find((r) => r.action === 'delayed');
    const byStatus = dsn.find((r) => !r.action && r.status && /^[45]/.test(r.status));
    const hit = failed ?? byStatus;
    if (!hit) return { verdict: 'not_bounce', reasons: [`delivery-status report with Action ${dsn.map((r) => r.action).join(', ')}`] };
    const type = hit.status?.startsWith('4') || (!hit.status && hit.action === 'delayed') ? 'soft' : 'hard';
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
  if (failedHeader) reasons.push('X-Failed-Recipients header');
  const wording = FAILURE_WORDING.exec(notice)?.[0];
  if (wording) {
    const fromHeader = header(p, 'from') ?? '';
    if (DAEMON_SENDER.test(fromHeader.replace(/^.*</, '')) || DAEMON_SENDER.test(fromHeader)) reasons.push('sender is a mailer daemon');
    if (BOUNCE_SUBJECT.test(p.subject ?? '')) reasons.push(`bounce subject "${p.subject}"`);
    if (/^<\s*>$/.test(header(p, 'return-path') ?? '')) reasons.push('null Return-Path (RFC 5321 §4.5.5)');
    if (p.returnedParts.length > 0) reasons.push('returned message attached');
  }
  if (!failedHeader && (!wording || reasons.length === 0)) return { verdict: 'none', reasons: [] };
  if (wording) reasons.push(`failure wording "${wording}"`);
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
