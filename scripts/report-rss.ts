// Preloaded with `node --import` by the bench: writes the process's peak RSS (kB) to the file
// named by BENCH_RSS_FILE when it exits, so a whole CLI command's peak memory can be measured.
import { writeFileSync } from 'node:fs';

const file = process.env['BENCH_RSS_FILE'];
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
