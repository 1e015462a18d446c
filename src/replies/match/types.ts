/** Which of our sends an inbound message answers (or bounces). */
export interface InboundMatch {
  campaign: string;
  contactId: string;
  step: number;
  /**
   * How it was found, strongest first: `thread` = In-Reply-To/References
   * named our Message-ID; `headers` = our X-Outreach-* headers (bounces quote them);
   * `sender` = the sender's address plus "Re: <our subject>", for clients that drop both.
   */
  via: 'thread' | 'headers' | 'sender';
}
