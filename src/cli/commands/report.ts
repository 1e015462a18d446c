import { writeFile } from 'node:fs/promises';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { toCsvText } from '../../contacts/csv-writer.js';
import { contactReport, REPORT_COLUMNS, type ReportRow } from '../../status/contact-report.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';

/** A Markdown table; "|" and line breaks in a cell would end it, so they are escaped. */
function markdown(rows: ReportRow[]): string {
  const cell = (v: string) => v.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const line = (vs: readonly string[]) => `| ${vs.map(cell).join(' | ')} |`;
  return [line(REPORT_COLUMNS), line(REPORT_COLUMNS.map(() => '---')), ...rows.map((r) => line(REPORT_COLUMNS.map((k) => r[k])))].join('\n') + '\n';
}

/** `outreach report --campaign <name> --format csv|json|md [--out file]`. */
export async function report(ctx: Ctx, o: { campaign: string; format?: 'csv' | 'json' | 'md'; out?: string }): Promise<CommandResult<ReportRow[]>> {
  const campaign = checkCampaignName(o.campaign);
  return withSession(ctx.dir, ctx.io, async (s) => {
    const rows = await contactReport(s.redis, s.keys, campaign);
    const format = o.format ?? 'csv';
    const text = format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : format === 'md' ? markdown(rows) : toCsvText(REPORT_COLUMNS, rows);
    if (o.out) {
      await writeFile(o.out, text);
      return { data: rows, notes: [`wrote ${rows.length} row(s) to ${o.out}`] };
    }
    return { data: rows, text };
  });
}
