import type { Command } from 'commander';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { ALREADY, importRows, type ImportReport } from '../../campaign/contacts-store.js';
import { NEEDS_LOOKUP } from '../../contacts/contact.js';
import { readContactsCsv } from '../../sources/csv-contacts.js';
import type { Session } from '../context.js';
import { printJson, withSession } from '../context.js';

export async function importFile(
  s: Session, file: string, campaign: string, opts: { delimiter?: string; encoding?: 'utf8' | 'utf16le' | 'latin1' } = {},
): Promise<ImportReport> {
  // Errors name the file as the user typed it: data/mentors.csv:14: email: invalid address.
  return importRows(s.redis, s.keys, campaign, file, readContactsCsv(file, opts));
}

export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description('validate a contacts CSV and add its rows to a campaign (re-importing changes nothing)')
    .requiredOption('--campaign <name>', 'campaign to add the contacts to')
    .option('--delimiter <char>', 'field delimiter (default: detected from the header; "tab" for tabs)')
    .option('--encoding <name>', 'utf8 (default), utf16le or latin1, for files without a byte order mark')
    .option('--json', 'print {imported, existing, skipped: [{line, field, reason}]}')
    .action(async (file: string, o: { campaign: string; delimiter?: string; encoding?: string; json?: boolean }, cmd: Command) => {
      const campaign = checkCampaignName(o.campaign);
      const report = await withSession(cmd, (s) =>
        importFile(s, file, campaign, { delimiter: o.delimiter, encoding: o.encoding as 'utf8' | undefined }),
      );
      if (o.json) return printJson(report);
      // Rows already in the campaign are summed up below rather than listed one by one.
      // So are rows discover marked needs_manual_lookup: expected, and possibly dozens.
      const lookup = report.skipped.filter((x) => x.reason === NEEDS_LOOKUP).length;
      for (const k of report.skipped.filter((x) => x.reason !== ALREADY && x.reason !== NEEDS_LOOKUP)) process.stderr.write(`${file}:${k.line}: ${k.field}: ${k.reason} (row skipped)\n`);
      if (lookup) process.stderr.write(`${file}: ${lookup} row(s) marked needs_manual_lookup have no address yet, skipped; add their email and import again\n`);
      process.stdout.write(
        `imported ${report.imported} contact(s) into "${campaign}"` +
          (report.existing ? `; ${report.existing} already in the campaign, left as they were` : '') +
          (lookup ? `; ${lookup} waiting for an address` : '') +
          (report.skipped.length > report.existing + lookup ? `; ${report.skipped.length - report.existing - lookup} row(s) skipped (listed above)` : '') + '\n',
      );
    });
}
