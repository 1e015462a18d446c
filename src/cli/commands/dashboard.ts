import { checkCampaignName } from '../../campaign/campaign-name.js';
import { CampaignReader } from '../../campaign/campaign-reader.js';
import { dashboardLines, linesText } from '../../dashboard/dashboard-lines.js';
import { SnapshotLoader } from '../../status/snapshot-loader.js';
import type { CampaignSnapshot } from '../../status/snapshot.js';
import type { CommandResult, Ctx } from '../io.js';
import { withSession } from '../session.js';

export interface DashboardOpts {
  campaign?: string;
  json?: boolean;
  /** Seconds between refreshes of the live view. */
  refresh?: number;
}

/** NO_COLOR (no-color.org): present and not empty turns colour off. */
export function colorWanted(env: NodeJS.ProcessEnv): boolean {
  return !env.NO_COLOR;
}

const PLAIN_WIDTH = 100;
/** Off a terminal: the latest events shown (--json has 30). */
const PLAIN_EVENTS = 12;

/**
 * React and Ink, loaded only for the live view, in React's production build unless the
 * environment says otherwise: the development build makes each frame several times slower.
 */
export async function loadInk(): Promise<typeof import('ink')> {
  process.env.NODE_ENV ??= 'production';
  return import('ink');
}

/**
 * `outreach dashboard`: on a terminal (stdin and stdout both), the live view until q or
 * Ctrl-C; otherwise the same numbers once as plain text, or with --json the snapshot(s).
 */
export async function dashboard(ctx: Ctx, o: DashboardOpts): Promise<CommandResult<CampaignSnapshot | CampaignSnapshot[] | null>> {
  const name = o.campaign === undefined ? undefined : checkCampaignName(o.campaign);
  return withSession(ctx.dir, ctx.io, async (s) => {
    if (name) await new CampaignReader(s.redis, s.keys, name).mustExist();
    const loader = new SnapshotLoader(s.redis, s.keys, s.project.config);
    try {
      const stdout = ctx.io.stdout as NodeJS.WriteStream;
      const live = !o.json && stdout.isTTY === true && process.stdin.isTTY === true;
      if (live) {
        const { render } = await loadInk();
        const { createElement } = await import('react');
        const { DashboardApp } = await import('../../dashboard/dashboard-app.js');
        const first = await loader.load(name);
        const app = render(
          createElement(DashboardApp, { load: (c?: string) => loader.load(c), first, refreshMs: Math.round((o.refresh ?? 1.5) * 1000), color: colorWanted(ctx.io.env) }),
          { stdout, stdin: process.stdin, exitOnCtrlC: false, patchConsole: false, alternateScreen: true, interactive: true },
        );
        await app.waitUntilExit();
        return { data: null };
      }
      const names = name ? [name] : await loader.campaigns();
      const snaps: CampaignSnapshot[] = [];
      for (const n of names) snaps.push((await loader.load(n, { withContacts: o.json ?? false })).current!);
      const text = snaps.length === 0
        ? 'no campaigns yet: outreach import data/contacts.csv --campaign <name>'
        : snaps.map((c) => linesText(dashboardLines({ campaigns: names, current: c }, { width: PLAIN_WIDTH, height: 1000, maxEvents: PLAIN_EVENTS }), PLAIN_WIDTH)).join('\n\n');
      return { data: name ? snaps[0]! : snaps, text };
    } finally {
      await loader.close();
    }
  });
}
