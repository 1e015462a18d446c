import cliProgress from 'cli-progress';

/** A progress bar on stderr when it is a terminal; silent otherwise (scripts, CI, --json). */
export function progressBar(label: string, total: number, enabled = process.stderr.isTTY === true) {
  if (!enabled) return { update: (_n: number) => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (n: number) => bar.update(n), stop: () => bar.stop() };
}
