// Dashboard benchmark: first frame and refresh with 100,000 contacts and 1,000,000 counted
// events in Redis (10,000 and 100,000 with --quick). The data goes in through the same Lua
// steps the worker and the reply sync use (ledger enqueue and transitions, status raises,
// inbound records), so the counters are what they would be; then a cold frame (connect,
// load the snapshot, render the view) and warm refreshes are timed.
import { loadavg } from 'node:os';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { importRows } from '../src/campaign/contacts-store.js';
import { CampaignReader } from '../src/campaign/campaign-reader.js';
import { assignVariants } from '../src/campaign/variant-assignment.js';
import { ConfigSchema } from '../src/config/schema.js';
import { loadInk } from '../src/cli/commands/dashboard.js';
import { Ledger } from '../src/ledger/ledger.js';
import type { LedgerEntry } from '../src/ledger/ledger-entry.js';
import { raiseStatusScript, recordInboundScript } from '../src/replies/stats-scripts.js';
import { readContactsCsv } from '../src/sources/csv-contacts.js';
import { SnapshotLoader } from '../src/status/snapshot-loader.js';
import { Keys } from '../src/store/keys.js';
import { csv, deleteKeys, median } from './bench-util.js';

const CAMPAIGN = 'bench';

/** Runs fn over 0..n-1 with at most `width` calls in flight (ioredis pipelines them). */
async function each(n: number, width: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => { while (next < n) await fn(next++); }));
}

async function populate(redis: Redis, keys: Keys, file: string, contacts: number): Promise<number> {
  let events = 0;
  await csv(file, contacts, { institution: (i) => `Example University ${i % 200}`, topic: (i) => `topic ${i % 8}` });
  await importRows(redis, keys, CAMPAIGN, file, readContactsCsv(file));
  const all = await new CampaignReader(redis, keys, CAMPAIGN).all();
  await assignVariants(redis, keys, CAMPAIGN, all, ['A', 'B']);
  const ledger = new Ledger(redis, keys, CAMPAIGN);
  const t0 = Date.now() - 30 * 86_400_000;
  // Six steps each: the first email and five follow-ups.
  for (let step = 0; step < 6; step++) {
    for (let i = 0; i < all.length; i += 1000) {
      const entries: LedgerEntry[] = all.slice(i, i + 1000).map((c, k) => ({
        state: 'queued', contactId: c.id, step, messageId: `<${c.id}.${step}@bench>`, dueAt: t0 + (i + k) * 10_000 + step * 86_400_000 * 5,
        queuedAt: t0, updatedAt: t0, attempts: 0,
      }));
      await ledger.enqueueMany(entries);
      events += entries.length;
    }
  }
  // Steps sent: all first emails, then fewer of each follow-up.
  const sentShare = [1, 0.8, 0.6, 0.4, 0.2];
  for (const [step, share] of sentShare.entries()) {
    const n = Math.floor(all.length * share);
    await each(n, 256, async (i) => {
      const at = t0 + i * 20_000 + step * 86_400_000;
      await ledger.transition(all[i]!.id, step, 'queued', 'sent', at, { sentAt: at, attempts: 1 } as Partial<LedgerEntry>);
    });
    events += n;
  }
  // Inbound: a tenth of the events, through the reply effects' own counting steps.
  const inbound = Math.max(0, contacts * 10 - events);
  await each(inbound, 256, async (j) => {
    const c = all[j % all.length]!;
    const kind = j % 10 < 3 ? 'reply' : j % 10 < 6 ? 'auto_reply' : 'bounce';
    const bounceType = j % 10 === 6 ? 'hard' : 'soft';
    const now = t0 + 86_400_000 * 16 + j * 1000;
    if (kind === 'reply') await raiseStatusScript(redis, keys, CAMPAIGN, c.id, 'replied', 0);
    if (kind === 'bounce' && bounceType === 'hard') await raiseStatusScript(redis, keys, CAMPAIGN, c.id, 'bounced', 0);
    await recordInboundScript(redis, keys, CAMPAIGN, {
      inboundId: `<in-${j}@bench>`, kind, contactId: c.id, step: 0, now,
      ...(kind === 'reply' ? { hint: j % 3 === 0 ? 'positive' : 'neutral' } : {}),
      ...(kind === 'bounce' ? { bounceType } : {}),
      record: JSON.stringify({ at: new Date(now).toISOString(), kind, contactId: c.id, step: 0, via: 'headers' }),
    });
  });
  return events + inbound;
}

export async function benchDashboard(o: { quick: boolean; redisUrl: string; tmp: string }): Promise<Record<string, number>> {
  const contacts = o.quick ? 10_000 : 100_000;
  const keys = new Keys(`bench-dash-${process.pid}`, 'bench@example.com');
  const redis = new Redis(o.redisUrl);
  const config = ConfigSchema.parse({ sender: { name: 'Bench', email: 'bench@example.com' }, redis: { url: o.redisUrl, prefix: keys.prefix } });
  try {
    const p0 = performance.now();
    const events = await populate(redis, keys, `${o.tmp}/dash.csv`, contacts);
    console.log(`dashboard: ${contacts} contacts, ${events} counted events written in ${((performance.now() - p0) / 1000).toFixed(1)} s`);

    // React's production build, as the CLI loads it.
    const { render } = await loadInk();
    const { createElement } = await import('react');
    const { DashboardView } = await import('../src/dashboard/dashboard-view.js');
    // A terminal of 100×30 that keeps what Ink writes; Ink's debug mode writes each frame as
    // soon as React commits it (the live app is throttled to 30 frames/s on top of this).
    let written = '';
    let wake: (() => void) | undefined;
    const stdout = Object.assign(new Writable({ write(chunk, _e, cb) { written = String(chunk); wake?.(); cb(); } }), { isTTY: true, columns: 100, rows: 30 });
    const nextWrite = () => new Promise<void>((r) => (wake = r));
    const view = (snapshot: Awaited<ReturnType<SnapshotLoader['load']>>) => createElement(DashboardView, { snapshot, width: 100, height: 30, color: true });

    // First frame: a new connection and loader, as `outreach dashboard` starts.
    const f0 = performance.now();
    const conn = new Redis(o.redisUrl);
    const loader = new SnapshotLoader(conn, keys, config);
    const shown = nextWrite();
    const app = render(view(await loader.load(CAMPAIGN)), { stdout: stdout as unknown as NodeJS.WriteStream, debug: true, patchConsole: false, exitOnCtrlC: false });
    await shown;
    const firstMs = performance.now() - f0;
    if (!written.includes('outreach dashboard')) throw new Error('the frame did not render');
    const times: number[] = [];
    const loads: number[] = [];
    for (let i = 0; i < (o.quick ? 10 : 30); i++) {
      const t = performance.now();
      const shownAgain = nextWrite();
      const snap = await loader.load(CAMPAIGN);
      loads.push(performance.now() - t);
      app.rerender(view(snap));
      await shownAgain;
      times.push(performance.now() - t);
    }
    const pings: number[] = [];
    for (let i = 0; i < 20; i++) { const t = performance.now(); await conn.ping(); pings.push(performance.now() - t); }
    console.log(`dashboard: refresh = snapshot load (median ${median(loads).toFixed(1)} ms) + render; for scale: Redis PING median ${median(pings).toFixed(2)} ms, load average ${loadavg()[0]!.toFixed(1)}`);
    app.unmount();
    const refresh = median(times);
    await loader.close();
    conn.disconnect();
    const out = { dashboard_first_frame_ms: Math.round(firstMs * 10) / 10, dashboard_refresh_ms: Math.round(refresh * 10) / 10 };
    console.log(`dashboard: first frame ${out.dashboard_first_frame_ms} ms (goal < 300), refresh ${out.dashboard_refresh_ms} ms median of ${times.length} (goal < 50)`);
    return out;
  } finally {
    await deleteKeys(redis, keys.prefix);
    redis.disconnect();
  }
}
