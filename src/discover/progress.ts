import cliProgress from 'cli-progress';

/** A progress bar on a terminal: `tick` starts it on its first call and at each 0 (a new phase), else moves it. */
export interface Progress {
  /** `payload` fills the format's other fields; it is read when the bar (re)starts. */
  tick(done: number, total: number, payload?: object): void;
  stop(): void;
}

/** A bar with this cli-progress format on `stream` when it is a terminal; undefined otherwise (logs, CI, pipes). */
export function terminalProgress(stream: NodeJS.WriteStream, format: string): Progress | undefined {
  if (!stream.isTTY) return undefined;
  const bar = new cliProgress.SingleBar({ stream, format, hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    tick(done, total, payload) {
      if (!started || done === 0) bar.start(total, done, payload);
      else bar.update(done);
      started = true;
    },
    stop: () => bar.stop(),
  };
}
