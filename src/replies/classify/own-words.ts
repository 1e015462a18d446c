/**
 * The person's own new words: the visible reply (quoted history already stripped) without the
 * signature, legal disclaimer and mailing footer under it. Hints, and above all opt-out, are read
 * from this text only: "Unsubscribe" in a footer or "If you are not the intended recipient,
 * delete this message" in a disclaimer is not the person asking to be left alone.
 * Rules follow mailgun/talon (signature/bruteforce.py) and github/email_reply_parser.
 */

/** RFC 3676 §4.3 signature separator "-- " (also "--" and "—" as clients send it). */
const SIG_SEPARATOR = /^\s*(--|—|__)\s*$/;
/** Lines that start a disclaimer, a footer or a mobile signature: everything from here is boilerplate. */
const BOILERPLATE_START = new RegExp(
  [
    String.raw`^\s*(sent from my|sent from (outlook|mail|yahoo mail)|get outlook for|enviado desde mi|envoy[ée] de mon|von meinem .{1,30} gesendet)`,
    String.raw`(confidentiality|privacy) (notice|statement|warning)|^\s*disclaimer\b|this (e-?mail|message|communication)( and any (files|attachments)[^.]{0,60})? (is|are|may be) (confidential|privileged|intended (only|solely))`,
    String.raw`if you (are not|have received this) (the intended recipient|(e-?mail|message) in error)`,
    String.raw`^\s*(to )?unsubscribe\b|\bunsubscribe (from|here|at any time)|click here to (unsubscribe|opt out)|manage (your )?(email )?(preferences|subscription)`,
    String.raw`you (are )?receiv(ed|ing) this (e-?mail|message) because|this (e-?mail|message) was sent (to|by)|^\s*to stop receiving`,
    String.raw`^\s*(please )?consider the environment before printing|^\s*this e-?mail has been (scanned|checked)`,
  ].join('|'),
  'im',
);

export function ownWords(visible: string): string {
  const lines = visible.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (SIG_SEPARATOR.test(l) || BOILERPLATE_START.test(l)) {
      end = i;
      break;
    }
  }
  return lines.slice(0, end).join('\n').trimEnd();
}
