/** Reply classification: pure functions, no I/O besides parsing the input. */
export { classifyMessage } from './classify-message.js';
export { stripQuoted } from './strip-quoted.js';
export { extractVisibleFromHtml } from './html-visible.js';
export { extractReturnDate } from './return-date.js';
export { replyHint } from './reply-hint.js';
export { KINDS, HINTS } from './types.js';
export type { Classification, ClassifyOptions, ReplyKind, ReplyHint, BounceInfo } from './types.js';
