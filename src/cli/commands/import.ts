import type { Command } from 'commander';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { ALREADY, importRows, type ImportReport } from '../../campaign/contacts-store.js';
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
      // Nothing valid to import (and the campaign had nothing already): a failed import, not created.
      const failed = report.imported === 0 && report.existing === 0 && report.skipped.length > 0;
      if (failed) process.exitCode = 1;
      if (o.json) return printJson(report);
      // Rows already in the campaign are summed up below rather than listed one by one.
      for (const k of report.skipped.filter((x) => x.reason !== ALREADY)) process.stderr.write(`${file}:${k.line}: ${k.field}: ${k.reason} (row skipped)\n`);
      if (failed) {
        process.stderr.write(`error: ${file}: no valid row; campaign "${campaign}" not created\nhint: fix the rows listed above and import again\n`);
        return;
      }
      process.stdout.write(
        `imported ${report.imported} contact(s) into "${campaign}"` +
          (report.existing ? `; ${report.existing} already in the campaign, left as they were` : '') +
          (report.skipped.length > report.existing ? `; ${report.skipped.length - report.existing} row(s) skipped (listed above)` : '') + '\n',
      );
    });
}
