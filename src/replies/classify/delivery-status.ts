import { parseHeaderBlock } from './header-block.js';

/** One per-recipient block of an RFC 3464 message/delivery-status part. */
export interface DsnRecipient {
  recipient?: string;
  /** RFC 3464 §2.3.3: failed | delayed | delivered | relayed | expanded. */
  action?: string;
  status?: string;
  diagnostic?: string;
}

/** RFC 3463 enhanced status code, not part of a dotted IP address. */
export const STATUS_CODE = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)/;

/**
 * Reads the per-recipient fields of a delivery-status report (RFC 3464 §2.3). The blocks are
 * paragraphs holding Final-Recipient (or Action + Status); mailparser hands the
 * message/delivery-status part to us inside the text body, so we scan paragraphs.
 */
export function parseDeliveryStatus(text: string): DsnRecipient[] {
  const out: DsnRecipient[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    if (!/^(final-recipient|original-recipient|action|status)\s*:/im.test(para)) continue;
    const start = para.search(/^[A-Za-z-]+\s*:/m);
    const fields = parseHeaderBlock(para.slice(Math.max(0, start)));
    const finalRcpt = fields.get('final-recipient')?.[0] ?? fields.get('original-recipient')?.[0];
    const action = fields.get('action')?.[0]?.toLowerCase().split(/\s/)[0];
    const statusRaw = fields.get('status')?.[0];
    if (!finalRcpt && !(action && statusRaw)) continue;
    const diagnostic = fields.get('diagnostic-code')?.[0]?.replace(/^[\w-]+;\s*/, '');
    out.push({
      recipient: finalRcpt ? cleanAddress(finalRcpt) : undefined,
      action,
      status: refineStatus(STATUS_CODE.exec(statusRaw ?? '')?.[0], diagnostic),
      diagnostic,
    });
  }
  return out;
}

/** "rfc822; <a@b>" → "a@b" (RFC 3464 §2.3.2 address-type prefix). */
export function cleanAddress(value: string): string {
  return value.replace(/^[\w-]+\s*;\s*/, '').replace(/^<|>$/g, '').trim();
}

/**
 * A generic x.0.0 Status (Postfix writes 5.0.0 for every remote refusal) is less useful than the
 * specific code the remote server gave in Diagnostic-Code; take that one when the class agrees.
 */
function refineStatus(status: string | undefined, diagnostic: string | undefined): string | undefined {
  const fromDiag = STATUS_CODE.exec(diagnostic ?? '')?.[0];
  if (!status) return fromDiag;
  if (/\.0\.0$/.test(status) && fromDiag && fromDiag[0] === status[0]) return fromDiag;
  return status;
}
