import { UserError } from '../errors/user-error.js';

/** The saved sign-in no longer works (Google answered `invalid_grant`): only signing in again helps. */
export class GmailSignInError extends UserError {
  constructor(where: string, detail: string) {
    super(`Gmail sign-in no longer works (${detail}): run \`outreach auth gmail\``, {
      where,
      hint: 'a token expires after 7 days while the Google Cloud app is in "Testing"; publish it to avoid that (README, "Sending through Gmail")',
    });
    this.name = 'GmailSignInError';
  }
}
