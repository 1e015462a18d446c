export { matchInbound } from './match-inbound.js';
export { normalizeSubject } from './by-sender.js';
export { messageIdTokens, threadIds } from './message-ids.js';
export type { InboundMatch } from './types.js';
