import { UserError } from '../errors/user-error.js';

/**
 * A problem in a template, named by file, line and column (of the file, front matter
 * included) with Handlebars' own message. `field` is set when strict mode met a name the
 * context lacks: a row problem when other rows have that column, a template problem when none has.
 */
export class TemplateError extends UserError {
  constructor(
    readonly file: string,
    readonly lineNo: number,
    readonly column: number,
    readonly reason: string,
    readonly field: string | null = null,
    details?: string,
  ) {
    super(reason, {
      where: `${file}:${lineNo}:${column}`,
      hint: field ? `check the spelling of "${field}", or add a "${field}" column to the CSV` : 'check the {{ }} and block tags around that place',
      details,
    });
    this.name = 'TemplateError';
  }
}

const TOKENS: Record<string, string> = {
  CLOSE: '"}}"', CLOSE_UNESCAPED: '"}}}"', OPEN_ENDBLOCK: '"{{/"', EOF: 'the end of the file', INVALID: 'a character that does not belong there', ID: 'a name',
};
const say = (t: string) => TOKENS[t] ?? t.toLowerCase().replace(/_/g, ' ');

/** Handlebars' "Expecting 'CLOSE', 'ID', ..., got 'INVALID'" as one short sentence. */
export function shortParseMessage(message: string): string {
  const last = message.split('\n').pop() ?? message;
  const m = /^Expecting (.+), got '([^']+)'$/.exec(last);
  if (!m) return last.replace(/ - \d+:\d+$/, '');
  const expected = [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!);
  const wanted = ['CLOSE', 'OPEN_ENDBLOCK', 'ID', 'CLOSE_UNESCAPED'].filter((t) => expected.includes(t)).slice(0, 2);
  return `syntax error: found ${say(m[2]!)}${wanted.length ? `, expected ${wanted.map(say).join(' or ')}` : ''}`;
}
