import path from 'node:path';
import { classifyCorpus, formatMeasurement, measure, readCorpus } from './classifier-corpus.js';

/**
 * Precision and recall per class of `classifyMessage` on the labelled corpus of real mail.
 * Usage (after `npm run build`): node dist/scripts/measure-classifier.js [tuning|heldout|all] [--json]
 */
const ROOT = path.resolve(import.meta.dirname, '../../test/fixtures/replies');

async function main(): Promise<void> {
  const which = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'heldout';
  const json = process.argv.includes('--json');
  const rows = readCorpus(ROOT).filter((r) => which === 'all' || r.split === which);
  const m = measure(which, await classifyCorpus(ROOT, rows));
  process.stdout.write(json ? `${JSON.stringify(m, null, 2)}\n` : formatMeasurement(m));
}

await main();
