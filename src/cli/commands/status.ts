import { checkCampaignName } from '../../campaign/campaign-name.js';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { whenText } from '../../pacing/when-text.js';
import { campaignStatus, type CampaignStatus } from '../../status/campaign-status.js';
import { rebuildCounters } from '../../status/counters-rebuild.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';

function line(s: CampaignStatus): string {
  const next = s.nextSendAt && s.nextSendZone ? `${whenText(Date.parse(s.nextSendAt), s.nextSendZone)} to ${s.nextSendTo}` : '-';
  return (
    `${s.campaign}${s.paused ? ' (PAUSED)' : ''}: ${s.contacts} contacts | sent ${s.sent}, queued ${s.queued}, failed ${s.failed}, uncertain ${s.uncertain}, cancelled ${s.cancelled}` +
    ` | replied ${s.replied}, bounced ${s.bounced}${s.softBounced ? ` (+${s.softBounced} soft)` : ''}, auto-replies ${s.autoReplies}, opted out ${s.optedOut}` +
    ` | last 24 h ${s.sentToday}/${s.dailyCap} | next send ${s.paused ? `held (outreach resume --campaign ${s.campaign})` : next}` +
    (s.failed ? `\n  ${s.failed} failed: see "outreach contacts list --campaign ${s.campaign}", fix, then "outreach retry --campaign ${s.campaign}"` : '')
  );
}

/** `outreach status [--campaign <name>] [--rebuild]`: an object for one campaign, an array for all. */
export async function status(ctx: Ctx, o: { campaign?: string; rebuild?: boolean }): Promise<CommandResult<CampaignStatus | CampaignStatus[]>> {
  return withSession(ctx.dir, ctx.io, async (s) => {
    const c = s.project.config;
    const notes: string[] = [];
    const rebuild = async (n: string) => {
      if (!o.rebuild) return;
      const r = await rebuildCounters(s.redis, s.keys, n);
      notes.push(`${n}: counters rebuilt from ${r.entries} ledger entries`);
    };
    // Data from before the counters: the ledger has entries, the counters none.
    const checkCounted = async (st: CampaignStatus) => {
      const counted = st.queued + st.sending + st.sent + st.failed + st.uncertain + st.cancelled;
      if (counted === 0 && (await s.redis.hlen(s.keys.ledger(st.campaign))) > 0)
        notes.push(`${st.campaign}: its sends were recorded before the counters existed; run "outreach status --rebuild" once`);
    };
    if (o.campaign) {
      const name = checkCampaignName(o.campaign);
      await new CampaignReader(s.redis, s.keys, name).mustExist();
      await rebuild(name);
      const st = await campaignStatus(s.redis, s.keys, c, name);
      await checkCounted(st);
      return { data: st, text: line(st), notes };
    }
    const names = (await s.redis.smembers(s.keys.campaigns())).sort();
    for (const n of names) await rebuild(n);
    const all = await Promise.all(names.map((n) => campaignStatus(s.redis, s.keys, c, n)));
    for (const st of all) await checkCounted(st);
    const lines = all.length === 0 ? ['no campaigns yet: outreach import data/contacts.csv --campaign <name>'] : all.map(line);
    if (all.some((x) => x.uncertain > 0)) lines.push('some sends are uncertain: decide with "outreach resolve --campaign <name> --resend | --mark-sent"');
    return { data: all, text: lines.join('\n'), notes };
  });
}
