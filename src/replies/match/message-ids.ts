/**
 * Message-IDs as they appear in our messageIds hash: `<local@domain>` (RFC 5322 §3.6.4).
 * Headers may hold several, or one without brackets; every bracketed token counts.
 */
export function messageIdTokens(value: string | undefined): string[] {
  if (!value) return [];
  const bracketed = value.match(/<[^<>\s]+>/g);
  if (bracketed) return bracketed;
  const bare = value.trim();
  return bare && !/\s/.test(bare) ? [`<${bare}>`] : [];
}

/**
 * The ids to look up, most specific first: In-Reply-To names the message answered;
 * References lists the thread oldest → newest, so it is read from the end.
 */
export function threadIds(inReplyTo: string | undefined, references: string[]): string[] {
  const ids = [...messageIdTokens(inReplyTo), ...references.flatMap(messageIdTokens).reverse()];
  return [...new Set(ids)];
}
