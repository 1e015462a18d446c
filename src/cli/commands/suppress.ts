import { SuppressionList } from '../../suppression/suppression-list.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';

/** `outreach suppress add|remove|list`. */
export async function suppress(ctx: Ctx, action: 'add' | 'remove' | 'list', emails: string[]): Promise<CommandResult> {
  return withSession(ctx.dir, ctx.io, async (s) => {
    const list = new SuppressionList(s.redis, s.keys);
    if (action === 'add') {
      const r = await list.add(emails);
      return { data: r, text: `suppressed ${r.added.length} address(es)${r.already.length ? `; ${r.already.length} already on the list` : ''}` };
    }
    if (action === 'remove') {
      const r = await list.remove(emails);
      return { data: r, text: `removed ${r.removed.length} address(es)${r.absent.length ? `; ${r.absent.length} were not on the list` : ''}` };
    }
    const all = await list.list();
    return { data: all, text: all.length ? all.join('\n') : 'the suppression list is empty' };
  });
}
