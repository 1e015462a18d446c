import { useApp, useInput, useWindowSize } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { Snapshot } from '../status/snapshot.js';
import { DashboardView } from './dashboard-view.js';

export interface DashboardAppProps {
  /** Reads one snapshot (status/snapshot-loader.ts); the app never touches Redis itself. */
  load(campaign?: string): Promise<Snapshot>;
  first: Snapshot;
  refreshMs: number;
  color: boolean;
}

/** The live dashboard: refreshes on a timer; q / Ctrl-C quit, tab switches campaign, ? help. */
export function DashboardApp({ load, first, refreshMs, color }: DashboardAppProps) {
  const { exit } = useApp();
  const { columns, rows } = useWindowSize();
  const [snapshot, setSnapshot] = useState(first);
  const [help, setHelp] = useState(false);
  const campaign = useRef(first.current?.campaign);

  useEffect(() => {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    const tick = async () => {
      try {
        const s = await load(campaign.current);
        if (!stopped) setSnapshot(s);
      } catch {
        // Redis away for a moment: keep the last frame and try again.
      }
      if (!stopped) timer = setTimeout(tick, refreshMs);
    };
    timer = setTimeout(tick, refreshMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [load, refreshMs]);

  useInput((input, key) => {
    if (input === 'q' || (key.ctrl && input === 'c')) return exit();
    if (input === '?') return setHelp((h) => !h);
    if (key.tab && snapshot.campaigns.length > 1) {
      const names = snapshot.campaigns;
      campaign.current = names[(names.indexOf(campaign.current ?? '') + 1) % names.length];
      void load(campaign.current).then(setSnapshot, () => undefined);
    }
  });

  return <DashboardView snapshot={snapshot} width={columns} height={rows} help={help} color={color} />;
}
