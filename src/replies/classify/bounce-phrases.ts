/**
 * Wording of a failed (or delayed) delivery, per mail system, for notices without an RFC 3464
 * delivery-status part. Each entry names the system and a real sample it was read from
 * (sisimai/set-of-emails `maildir/bsd/<file>`, rjbs/Mail-DeliveryStatus-BounceParser
 * `t/corpus/<file>`). The wording alone never makes a bounce: it must come with a sign that a
 * mail system wrote the message (see detect-bounce.ts), since a person may quote such a line.
 */
export interface BouncePhrase {
  system: string;
  sample: string;
  re: RegExp;
}

export const BOUNCE_PHRASES: readonly BouncePhrase[] = [
  {
    system: 'Postfix',
    sample: 'lhost-postfix-01.eml',
    re: /your message could not be\s+delivered to one or more recipients|there was an error delivering your mail|undelivered mail returned to sender/i,
  },
  {
    system: 'Sendmail',
    sample: 'lhost-sendmail-01.eml, lhost-v5sendmail-01.eml',
    re: /-{3,} ?the following addresses? had (permanent fatal errors|delivery problems|transient non-fatal errors)|cannot send message (for|within) \d+ days?|returned mail: |----- transcript of session follows -----/i,
  },
  {
    system: 'Exim',
    sample: 'lhost-exim-01.eml',
    re: /a message that you sent could not be delivered to one or more of\s+its|following address\(es\) failed|address\(es\) deferred|retry time not reached for any host|mail delivery failed: returning message to sender/i,
  },
  {
    system: 'qmail',
    sample: 'lhost-qmail-01.eml',
    re: /i'm afraid i wasn't able to deliver your message|this is a permanent error; i've given up|sorry, no mailbox here by that name|i'm not going to try again/i,
  },
  {
    system: 'Exchange 2003',
    sample: 'lhost-exchange2003-01.eml',
    re: /did not reach the following recipient\(s\)|the recipient name is not recognized|MSEXCH:(IMS|MSGTRK)/i,
  },
  {
    system: 'Exchange 2007 to Online, Outlook.com',
    sample: 'lhost-exchange2007-01.eml, lhost-office365-01.eml, lhost-outlook-01.eml',
    re: /delivery has failed to these recipients or (groups|distribution lists)|your message (to .{1,80} )?(couldn't|could not|wasn't|was not|can't) be delivered|the following recipient\(s\) cannot be reached|#5\.\d\.\d+ smtp;|remote server returned '|diagnostic information for administrators/i,
  },
  {
    system: 'Lotus Notes / Domino',
    sample: 'lhost-domino-01.eml, lhost-notes-01.eml, BounceParser domino.unknown.msg',
    re: /your message\s+subject: .{0,200}?\s+was not delivered to|was not delivered to:|delivery failure: |delivery failure report|the following recipients? (was|were) not delivered|unable to deliver message/i,
  },
  {
    system: 'Gmail, Google Workspace',
    sample: 'lhost-gmail-01.eml, rhost-google-02.eml',
    re: /delivery to the following recipients? (failed permanently|has been delayed|failed)|the email account that you tried to reach (does not exist|is (over quota|disabled|inactive))|message (blocked|not delivered)|address not found|wasn't delivered to|couldn't be delivered to/i,
  },
  {
    system: 'Yahoo',
    sample: 'lhost-yahoo-01.eml',
    re: /sorry, we were unable to deliver your message to the following address|unable to deliver message to the following address/i,
  },
  {
    system: 'Amazon SES, Amazon WorkMail',
    sample: 'lhost-amazonses-01.eml, lhost-amazonworkmail-01.eml',
    re: /an error occurred while trying to deliver the mail to the following recipients|the following message to <[^>]+> was undeliverable|delivery notification: delivery has failed/i,
  },
  {
    system: 'Mimecast',
    sample: 'lhost-mimecast-01.eml, rhost-mimecast-01.eml',
    re: /your message couldn't be delivered to the recipients? shown below|rejected by mimecast|mimecast (policy|gateway)/i,
  },
  {
    system: 'Proofpoint',
    sample: 'rhost-messagelabs-01.eml (filter wording), pphosted.com diagnostics',
    re: /message rejected due to (content restrictions|local policy)|pphosted\.com.{0,80}(rejected|refused|blocked)/i,
  },
  {
    system: 'quota and mailbox full (any MTA)',
    sample: 'BounceParser quota*.msg, lhost-biglobe-01.eml, rfc3464-01.eml',
    re: /mailbox (is )?(full|over quota)|(mailbox|disk) quota exceeded|quota exceeded|over (the )?quota|exceeded (the )?(storage|mailbox|local) (allocation|limit|quota)|insufficient (system )?storage|number of messages in recipient's mailbox exceeded|mailbox size limit exceeded|mailbox has exceeded/i,
  },
  {
    system: 'generic (any MTA)',
    sample: 'rfc3464-*.eml, lhost-apachejames-01.eml, lhost-mfilter-04.eml',
    re: /could not be delivered|undeliverable|undeliverable mail|delivery (has )?failed|failed permanently|was not delivered|(unable|not able|wasn't able) to deliver|permanent (fatal )?error|following recipients? (failed|has been delayed)|delivery to the following recipients?|user unknown|unknown user|no such (user|recipient|mailbox)|invalid (user|recipient|mailbox)( address)?|(not|isn't) a valid (user|recipient|mailbox)|recipient (address )?rejected|message (was )?not delivered|has been delayed|could not deliver|error delivering|delivery status notification|requested action not taken|rejected by (a )?remote mail server|unzustellbar|nicht zugestellt|n'a pas pu être (remis|distribué)|no (se )?pudo (ser )?entregar/i,
  },
];

/** The first phrase found, with the system it belongs to. */
export function failureWording(notice: string): { system: string; phrase: string } | undefined {
  for (const p of BOUNCE_PHRASES) {
    const m = p.re.exec(notice);
    if (m) return { system: p.system, phrase: m[0].replace(/\s+/g, ' ') };
  }
  return undefined;
}
