/**
 * An error the user can fix: printed as one line naming where it is, then a hint.
 * `where` is a file:line, a file:line: field, a config key or a service name.
 * `details` (optional) is printed after the line, e.g. every problem of a config file.
 */
export class UserError extends Error {
  readonly where: string | undefined;
  readonly hint: string | undefined;
  readonly details: string | undefined;
  readonly exitCode: number;
  constructor(
    message: string,
    opts: { where?: string; hint?: string; details?: string; exitCode?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = 'UserError';
    this.where = opts.where;
    this.hint = opts.hint;
    this.details = opts.details;
    this.exitCode = opts.exitCode ?? 1;
  }

  /** The one line printed on stderr. */
  line(): string {
    return this.where ? `${this.where}: ${this.message}` : this.message;
  }
}
