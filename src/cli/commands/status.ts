import type { Command } from 'commander';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { campaignStatus, type CampaignStatus } from '../../status/campaign-status.js';
import { printJson, withSession } from '../context.js';

function line(s: CampaignStatus): string {
  return (
    `${s.campaign}: ${s.contacts} contacts | sent ${s.sent}, queued ${s.queued}, failed ${s.failed}, uncertain ${s.uncertain}` +
    ` | replied ${s.replied}, bounced ${s.bounced}${s.softBounced ? ` (+${s.softBounced} soft, retrying)` : ''}, auto-replies ${s.autoReplies}, opted out ${s.optedOut}` +
    ` | last 24 h ${s.sentToday}/${s.dailyCap} | next send ${s.nextSendAt ?? '-'}`
  );
}

export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('counts per campaign: contacts, sends, replies, bounces, pacing')
    .option('--campaign <name>', 'one campaign (default: all)')
    .option('--json', 'print an object (with --campaign) or an array of them')
    .action(async (o: { campaign?: string; json?: boolean }, cmd: Command) => {
      await withSession(cmd, async (s) => {
        const c = s.project.config;
        if (o.campaign) {
          const name = checkCampaignName(o.campaign);
          await new CampaignReader(s.redis, s.keys, name).mustExist();
          const st = await campaignStatus(s.redis, s.keys, c, name);
          return o.json ? printJson(st) : process.stdout.write(`${line(st)}\n`);
        }
        const names = (await s.redis.smembers(s.keys.campaigns())).sort();
        const all = await Promise.all(names.map((n) => campaignStatus(s.redis, s.keys, c, n)));
        if (o.json) return printJson(all);
        if (all.length === 0) process.stdout.write('no campaigns yet: outreach import data/contacts.csv --campaign <name>\n');
        for (const st of all) process.stdout.write(`${line(st)}\n`);
        if (all.some((x) => x.uncertain > 0)) process.stdout.write('some sends are uncertain: decide with "outreach resolve --campaign <name> --resend | --mark-sent"\n');
      });
    });
}
