import { CampaignReader } from '../../campaign/campaign-reader.js';
import { checkCampaignName } from '../../campaign/campaign-name.js';
import { pauseCampaign, resumeCampaign } from '../../queue/pause-campaign.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';
import { withQueue } from './select-contacts.js';

/** `outreach pause|resume --campaign <name>`. */
export async function pause(ctx: Ctx, action: 'pause' | 'resume', o: { campaign: string }): Promise<CommandResult> {
  return withSession(ctx.dir, ctx.io, async (s) => {
    const campaign = checkCampaignName(o.campaign);
    await new CampaignReader(s.redis, s.keys, campaign).mustExist();
    if (action === 'pause') {
      const now = await pauseCampaign(s.redis, s.keys, campaign);
      return { data: { campaign, paused: true }, text: now ? `paused "${campaign}": nothing more goes until "outreach resume --campaign ${campaign}"` : `"${campaign}" was already paused` };
    }
    return withQueue(s, async (queue) => {
      const r = await resumeCampaign(s.redis, s.keys, queue, campaign);
      return { data: { campaign, paused: false, woken: r.woken }, text: r.wasPaused ? `resumed "${campaign}"` : `"${campaign}" was not paused` };
    });
  });
}
