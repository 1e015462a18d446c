/**
 * `outreach status | head -1`: the reader closing the pipe early is a normal end, not a
 * failure. Without a listener Node throws the stream's EPIPE as an uncaught error (a stack
 * trace and exit 1). Output after that point has no reader, so it is dropped and the command
 * finishes its work (a send being queued is completed, not cut half-way).
 */
export function treatClosedPipeAsEnd(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    throw err;
  });
}
