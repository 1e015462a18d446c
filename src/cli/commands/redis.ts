import { managedRedisStatus, startManagedRedis, stopManagedRedis } from '../../setup/managed-redis.js';
import type { CommandResult, Ctx } from '../io.js';

/** `outreach redis start|stop|status`: the project's own Redis (loopback, AOF, noeviction). */
export async function redis(ctx: Ctx, action: 'start' | 'stop' | 'status'): Promise<CommandResult> {
  if (action === 'start') {
    const r = await startManagedRedis(ctx.dir);
    return {
      data: r,
      text: `${r.started ? 'started' : 'already running:'} Redis ${r.version} at ${r.url} (data in ${r.dir}); this project's commands use it unless REDIS_URL is set`,
    };
  }
  if (action === 'stop') {
    const r = await stopManagedRedis(ctx.dir);
    return { data: r, text: r.stopped ? 'stopped; its data stays in .redis/ for the next "outreach redis start"' : 'no Redis of this project is running' };
  }
  const st = await managedRedisStatus(ctx.dir);
  return {
    data: st,
    text: st.running ? `running: Redis ${st.version} at ${st.url}${st.pid ? ` (pid ${st.pid})` : ''}` : `not running${st.url ? ` (last at ${st.url})` : ''}; start it with "outreach redis start"`,
    exitCode: st.running ? 0 : 3,
  };
}
