import { UserError } from '../errors/user-error.js';

/**
 * Campaign names end up in Redis keys, job ids and folder names: keep them plain. They are
 * compared without regard to case (`CORR` and `corr` are one campaign), so the name is
 * stored in lower case.
 */
export function checkCampaignName(name: string | undefined): string {
  if (!name) throw new UserError('missing --campaign <name>', { where: '--campaign', hint: 'name the campaign, e.g. --campaign fall-2026' });
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name))
    throw new UserError(`invalid campaign name "${name}"`, {
      where: '--campaign',
      hint: 'use letters, digits, ".", "_" or "-" (at most 64), starting with a letter or digit',
    });
  return name.toLowerCase();
}
