import { checkCampaignName } from '../../campaign/campaign-name.js';
import { ALREADY, importRows, WRITTEN, type ImportReport } from '../../campaign/contacts-store.js';
import { NEEDS_LOOKUP } from '../../contacts/contact.js';
import { readContactsCsv } from '../../sources/csv-contacts.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';

export interface ImportOptions {
  campaign: string;
  delimiter?: string;
  encoding?: 'utf8' | 'utf16le' | 'latin1';
}

/** `outreach import <file> --campaign <name>`. */
export async function importCommand(ctx: Ctx, file: string, o: ImportOptions): Promise<CommandResult<ImportReport>> {
  const campaign = checkCampaignName(o.campaign);
  // Errors name the file as the user typed it: data/mentors.csv:14: email: invalid address.
  const report = await withSession(ctx.dir, ctx.io, (s) => importRows(s.redis, s.keys, campaign, file, readContactsCsv(file, o)));
  // Nothing valid to import (and the campaign had nothing already): a failed import, not created.
  const failed = report.imported === 0 && report.updated === 0 && report.existing === 0 && report.skipped.length > 0;
  // Rows already in the campaign are summed up below rather than listed one by one.
  // So are rows discover marked needs_manual_lookup: expected, and possibly dozens.
  const lookup = report.skipped.filter((x) => x.reason === NEEDS_LOOKUP).length;
  const notes = report.skipped
    .filter((x) => x.reason !== ALREADY && x.reason !== NEEDS_LOOKUP)
    .map((k) => `${file}:${k.line}: ${k.field}: ${k.reason}${k.reason === WRITTEN ? '' : ' (row skipped)'}`);
  const unchanged = report.skipped.filter((x) => x.reason === ALREADY).length;
  const refused = report.existing - unchanged;
  if (lookup) notes.push(`${file}: ${lookup} row(s) marked needs_manual_lookup have no address yet, skipped; add their email and import again`);
  if (failed) {
    notes.push(`error: ${file}: no valid row; campaign "${campaign}" not created`, 'hint: fix the rows listed above and import again');
    return { data: report, notes, exitCode: 1 };
  }
  const text =
    `imported ${report.imported} contact(s) into "${campaign}"` +
    (report.updated ? `; updated ${report.updated}` : '') +
    (unchanged ? `; ${unchanged} already in the campaign, unchanged` : '') +
    (refused ? `; ${refused} changed but already written to, left as they were (listed above)` : '') +
    (lookup ? `; ${lookup} waiting for an address` : '') +
    (report.skipped.length > report.existing + lookup ? `; ${report.skipped.length - report.existing - lookup} row(s) skipped (listed above)` : '');
  return { data: report, text, notes };
}
