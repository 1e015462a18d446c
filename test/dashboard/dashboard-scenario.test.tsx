// The dashboard, the counters, `status --rebuild` and `report` against one campaign driven
// through the real send and reply paths (test/helpers/dashboard-campaign.ts): frames for an
// empty campaign, one in progress, and one with replies, bounces and variants.
import { render } from 'ink-testing-library';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardApp } from '../../src/dashboard/dashboard-app.js';
import { DashboardView } from '../../src/dashboard/dashboard-view.js';
import { campaignStatus } from '../../src/status/campaign-status.js';
import { counterKeys } from '../../src/status/counters-rebuild.js';
import { SnapshotLoader } from '../../src/status/snapshot-loader.js';
import type { Snapshot } from '../../src/status/snapshot.js';
import { wilson } from '../../src/status/statistics.js';
import { runCli } from '../helpers/cli.js';
import { B_SUBJECT, CAMPAIGN, dashboardScenario, N, type DashboardScenario } from '../helpers/dashboard-campaign.js';
import { REDIS_URL } from '../helpers/env.js';

let s: DashboardScenario;
let loader: SnapshotLoader;
const env = () => ({ REDIS_URL, OUTREACH_PREFIX: s.t.keys.prefix });
const frame = (snap: Snapshot, width = 80, height = 24) =>
  render(<DashboardView snapshot={snap} width={width} height={height} color={false} />).lastFrame() ?? '';

/** Every counter key's content, zero fields dropped: what `--rebuild` must reproduce. */
async function counterDump(): Promise<Record<string, unknown>> {
  const { redis, keys } = s.t;
  const [stats, sentAt, due, repliedAt, replyDelay, positive] = await Promise.all([
    redis.hgetall(keys.stats(CAMPAIGN)),
    ...[keys.sentAt(CAMPAIGN), keys.due(CAMPAIGN), keys.repliedAt(CAMPAIGN), keys.replyDelay(CAMPAIGN)].map((k) => redis.zrange(k, '0', '-1', 'WITHSCORES')),
    redis.smembers(keys.positive(CAMPAIGN)),
  ]);
  return {
    stats: Object.fromEntries(Object.entries(stats as Record<string, string>).filter(([, v]) => v !== '0').sort()),
    sentAt, due, repliedAt, replyDelay, positive: (positive as string[]).sort(),
  };
}

beforeAll(async () => {
  s = await dashboardScenario();
  loader = new SnapshotLoader(s.t.redis, s.t.keys, s.t.project.config);
}, 120_000);

afterAll(async () => {
  await loader?.close();
  await s?.stop();
});

describe('dashboard of a campaign driven through the real send and reply paths', () => {
  it('empty campaign: the contacts and nothing else', async () => {
    const snap = await loader.load(CAMPAIGN);
    expect(snap.current!.funnel).toEqual({ contacts: N, sent: 0, delivered: 0, replied: 0, positive: 0 });
    const f = frame(snap);
    expect(f).toMatch(/contacts\s+24 /);
    expect(f).toMatch(/sent\s+0 /);
    expect(f).toContain('reply rate too few to tell');
    expect(f).toContain('nothing queued');
    expect(f).toContain('nothing yet');
    for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(f.split('\n').length).toBeLessThanOrEqual(24);
  });

  it('in progress: first emails out, one refused, follow-ups due, variants split evenly', async () => {
    await s.sendFirst();
    // Variant B's subject reached the wire for B's contacts only; A kept the template's.
    const firsts = s.smtp.messages.filter((m) => m.step === 0);
    expect(firsts).toHaveLength(N - 1);
    const bSubjects = firsts.filter((m) => m.subject.startsWith('Could I help with your'));
    expect(bSubjects.length).toBe(11); // B: mentor1, 3, ..., 21 (mentor23 was refused)
    // Each B subject is B_SUBJECT rendered with its own contact's topic; no field left unrendered.
    for (const m of bSubjects) {
      const contact = s.t.contacts.find((c) => c.id === m.contactId);
      expect(contact?.email).toBe(m.to);
      expect(m.subject).toBe(B_SUBJECT.replace('{{topic}}', contact!.row.topic!));
    }
    expect(firsts.filter((m) => m.subject.includes('{{'))).toEqual([]);

    const snap = await loader.load(CAMPAIGN);
    const c = snap.current!;
    expect(c.funnel).toEqual({ contacts: N, sent: 23, delivered: 23, replied: 0, positive: 0 });
    expect(c.side).toMatchObject({ failed: 1, bounced: 0, uncertain: 0 });
    expect(c.today).toEqual({ sent: 23, cap: 1000 });
    expect(c.queue.delayed).toBe(23);
    expect(c.byVariant.map((v) => [v.name, v.sent])).toEqual([['A', 12], ['B', 11]]);
    const f = frame(snap);
    expect(f).toMatch(/sent\s+23 /);
    expect(f).toMatch(/failed\s+1/);
    expect(f).toContain('today 23/1000 sent');
    expect(f).toContain('delayed 23');
    expect(f).toMatch(/follow-up 1 → Ada\d+ Mentor\d+/);
    expect(f).toMatch(/sent\s+first\s+Ada\d+ Mentor\d+ <mentor\d+@example\.edu>/);
  });

  it('replies, bounces and variants: funnel, rates with their interval, by step, by variant, events', async () => {
    await s.answer();
    const st = await campaignStatus(s.t.redis, s.t.keys, s.t.project.config, CAMPAIGN);
    expect(st).toMatchObject({
      contacts: 24, sent: 40, failed: 1, uncertain: 1, cancelled: 4, queued: 1, sending: 0,
      replied: 3, bounced: 1, softBounced: 1, autoReplies: 1, optedOut: 1,
    });
    const snap = await loader.load(CAMPAIGN);
    const c = snap.current!;
    expect(c.funnel).toEqual({ contacts: 24, sent: 23, delivered: 22, replied: 4, positive: 1 });
    const ci = wilson(4, 22)!;
    expect(c.rate).toMatchObject({ replied: 4, delivered: 22, rate: 4 / 22, low: ci.low, high: ci.high });
    expect(c.byStep.map((r) => [r.name, r.sent, r.delivered, r.replied])).toEqual([['first email', 23, 22, 3], ['follow-up 1', 17, 17, 1]]);
    expect(c.byVariant.map((v) => [v.name, v.delivered, v.replied, v.verdict])).toEqual([
      ['A', 11, 2, 'baseline'], ['B', 11, 2, 'too few sends to tell'],
    ]);
    expect(c.byTopic.map((r) => [r.name, r.delivered, r.replied])).toEqual([['breast imaging', 11, 2], ['neuroradiology', 11, 2]]);
    expect(c.repliesPerDay.at(-1)).toBe(4);
    expect(c.medianFirstReplyMs).toBeGreaterThanOrEqual(0);
    expect(c.events[0]).toMatchObject({ kind: 'reply', step: 1, contact: 'Ada7 Mentor7 <mentor7@example.edu>' });
    expect(c.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['reply', 'auto_reply', 'bounce', 'soft_bounce', 'sent', 'uncertain']));

    const f = frame(snap);
    expect(f).toMatch(/delivered\s+22 /);
    expect(f).toMatch(/replied\s+4 /);
    expect(f).toMatch(/positive\s+1 /);
    expect(f).toContain('bounced      1 hard, 1 soft');
    expect(f).toMatch(/opted out\s+1/);
    expect(f).toMatch(/uncertain\s+1/);
    expect(f).toContain(`reply rate 18.2% (95% CI ${(ci.low * 100).toFixed(1)}%–${(ci.high * 100).toFixed(1)}%)`);
    expect(f).toContain('first email 3/22 13.6% · follow-up 1 1/17 5.9%');
    expect(f).toContain('too few sends to tell');
    expect(f).toContain('reply (neutral)');
    for (const line of f.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(f.split('\n').length).toBeLessThanOrEqual(24);

    // More room: the groups get their own tables, and more events show.
    const big = frame(snap, 120, 50);
    expect(big).toContain('by institution');
    expect(big).toMatch(/Example Children's Hospital\s+\d+\/\d+/);
    expect(big.split('\n').length).toBeGreaterThan(f.split('\n').length);
  });

  it('the counters equal a rebuild from the ledger, also after they were lost', async () => {
    const live = await counterDump();
    expect(Object.keys(live.stats as object).length).toBeGreaterThan(20);
    await runCli(s.t.dir, ['status', '--rebuild', '--campaign', CAMPAIGN, '--json'], { env: env() });
    expect(await counterDump()).toEqual(live);

    // Data from before the counters existed: none of their keys; status shows zeros until a rebuild.
    await s.t.redis.del(...counterKeys(s.t.keys, CAMPAIGN));
    expect((await campaignStatus(s.t.redis, s.t.keys, s.t.project.config, CAMPAIGN)).sent).toBe(0);
    const out = JSON.parse(await runCli(s.t.dir, ['status', '--rebuild', '--campaign', CAMPAIGN, '--json'], { env: env() }));
    expect(out).toMatchObject({ sent: 40, replied: 3, bounced: 1, softBounced: 1, uncertain: 1 });
    expect(await counterDump()).toEqual(live);
  });

  it('keys: tab switches campaign, ? shows help and back', async () => {
    // A second campaign to switch to.
    await s.t.redis.sadd(s.t.keys.campaigns(), 'another');
    const first = await loader.load(CAMPAIGN);
    const app = render(<DashboardApp load={(c) => loader.load(c)} first={first} refreshMs={60_000} color={false} />);
    const until = async (want: RegExp) => {
      for (let i = 0; i < 100 && !want.test(app.lastFrame() ?? ''); i++) await new Promise((r) => setTimeout(r, 20));
      return app.lastFrame() ?? '';
    };
    expect(await until(/autumn \(1\/2/)).toMatch(/delivered\s+22/);
    app.stdin.write('?');
    expect(await until(/Terms/)).toContain('Wilson');
    app.stdin.write('?');
    expect(await until(/delivered\s+22/)).not.toContain('Terms');
    app.stdin.write('\t');
    expect(await until(/another \(2\/2/)).toContain('another');
    app.unmount();
    await s.t.redis.srem(s.t.keys.campaigns(), 'another');
  });

  it('off a terminal: the numbers once as text; --json: the snapshot with each contact\'s variant', async () => {
    const text = await runCli(s.t.dir, ['dashboard', '--campaign', CAMPAIGN], { env: env() });
    expect(text).toMatch(/delivered\s+22 /);
    expect(text).toContain('reply rate 18.2%');
    expect(text).toContain('reply (neutral)   follow-up 1  Ada7 Mentor7 <mentor7@example.edu>');
    expect(text.split('\n').filter((l) => /^  \d\d-\d\d \d\d:\d\d  /.test(l)).length).toBe(1 + 12); // the next send, 12 events
    expect(text).not.toMatch(/\x1b\[/); // no terminal codes
    const json = JSON.parse(await runCli(s.t.dir, ['dashboard', '--campaign', CAMPAIGN, '--json'], { env: env() }));
    expect(json.funnel).toEqual({ contacts: 24, sent: 23, delivered: 22, replied: 4, positive: 1 });
    expect(json.contacts).toHaveLength(24);
    expect(new Set(json.events.map((e: { kind: string }) => e.kind))).toEqual(new Set(['reply', 'sent', 'uncertain', 'soft_bounce', 'bounce', 'auto_reply', 'failed']));
    const counts = json.contacts.reduce((m: Record<string, number>, x: { variant: string }) => ({ ...m, [x.variant]: (m[x.variant] ?? 0) + 1 }), {});
    expect(counts).toEqual({ A: 12, B: 12 });
    expect(json.contacts[0]).toEqual({ email: 'mentor0@example.edu', variant: 'A' });
  });

  it('report: one row per contact in csv, json and md', async () => {
    const rows = parse(await runCli(s.t.dir, ['report', '--campaign', CAMPAIGN, '--format', 'csv'], { env: env() }), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(24);
    const by = (i: number) => rows.find((r) => r.email === `mentor${i}@example.edu`)!;
    expect(by(0)).toMatchObject({ outcome: 'replied', reply_hint: 'positive', variant: 'A', step_reached: '0' });
    expect(by(2)).toMatchObject({ outcome: 'opted out', reply_hint: 'opt_out' });
    expect(by(3)).toMatchObject({ outcome: 'auto-reply', step_reached: '0' });
    expect(by(4).outcome).toBe('bounced');
    expect(by(4).bounce_reason).toMatch(/^hard: 5\.\d\.\d/);
    expect(by(5)).toMatchObject({ outcome: 'soft bounce', step_reached: '1' });
    expect(by(5).bounce_reason).toMatch(/^soft: 4\.\d\.\d/);
    expect(by(6).outcome).toBe('uncertain');
    expect(by(7)).toMatchObject({ outcome: 'replied', reply_hint: 'neutral', step_reached: '1', variant: 'B' });
    expect(by(8)).toMatchObject({ outcome: 'no reply yet', step_reached: '1' });
    expect(by(23)).toMatchObject({ outcome: 'failed', sent_at: '', step_reached: '' });
    expect(Date.parse(by(0).sent_at)).toBeLessThanOrEqual(Date.parse(by(0).reply_date));

    const json = JSON.parse(await runCli(s.t.dir, ['report', '--campaign', CAMPAIGN, '--format', 'json'], { env: env() }));
    expect(json).toEqual(rows);
    const md = await runCli(s.t.dir, ['report', '--campaign', CAMPAIGN, '--format', 'md'], { env: env() });
    expect(md.split('\n')[1]).toMatch(/^\| --- \|/);
    expect(md.trim().split('\n')).toHaveLength(26);
  });
});
