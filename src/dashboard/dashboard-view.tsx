import { Box, Text } from 'ink';
import type { Snapshot } from '../status/snapshot.js';
import { dashboardLines, type Layout, type Segment } from './dashboard-lines.js';

/** SGR codes per role (ECMA-48): bold 1/22, dim 2/22, green 32, red 31, yellow 33, cyan 36, default colour 39. */
const SGR: Record<NonNullable<Segment['role']>, [string, string]> = {
  title: ['\x1b[1;36m', '\x1b[22;39m'],
  label: ['\x1b[1m', '\x1b[22m'],
  good: ['\x1b[32m', '\x1b[39m'],
  bad: ['\x1b[31m', '\x1b[39m'],
  warn: ['\x1b[33m', '\x1b[39m'],
  dim: ['\x1b[2m', '\x1b[22m'],
};

/** One line as one string: coloured runs when colour is on, plain text otherwise. */
export function paint(line: Segment[], color: boolean): string {
  if (line.length === 0) return ' ';
  return line.map((s) => (color && s.role ? `${SGR[s.role][0]}${s.text}${SGR[s.role][1]}` : s.text)).join('');
}

export interface DashboardViewProps extends Layout {
  snapshot: Snapshot;
  /** False when NO_COLOR is set: plain text, no attributes at all. */
  color: boolean;
}

/**
 * One frame: a pure function of the snapshot and the terminal's size. Each line is one Text
 * node (its colours written into the string), which keeps a frame's layout work small.
 */
export function DashboardView({ snapshot, width, height, help, color }: DashboardViewProps) {
  const lines = dashboardLines(snapshot, { width, height, help });
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate-end">{paint(line, color)}</Text>
      ))}
    </Box>
  );
}
