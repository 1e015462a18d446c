import { Box, Text } from 'ink';
import type { Snapshot } from '../status/snapshot.js';
import { dashboardLines, type Layout, type Segment } from './dashboard-lines.js';

const COLOURS: Record<NonNullable<Segment['role']>, { color?: string; bold?: boolean; dimColor?: boolean }> = {
  title: { color: 'cyan', bold: true },
  label: { bold: true },
  good: { color: 'green' },
  bad: { color: 'red' },
  warn: { color: 'yellow' },
  dim: { dimColor: true },
};

export interface DashboardViewProps extends Layout {
  snapshot: Snapshot;
  /** False when NO_COLOR is set: plain text, no attributes at all. */
  color: boolean;
}

/** One frame: a pure function of the snapshot and the terminal's size. */
export function DashboardView({ snapshot, width, height, help, color }: DashboardViewProps) {
  const lines = dashboardLines(snapshot, { width, height, help });
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {line.length === 0 ? ' ' : line.map((s, j) => (
            <Text key={j} {...(color && s.role ? COLOURS[s.role] : {})}>{s.text}</Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
