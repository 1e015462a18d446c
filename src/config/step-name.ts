/**
 * A step of the sequence in words: step 0 is the first email, step n the n-th entry of the
 * config's `followups`. Here, in config/, because render/, status/ and cli/ all name steps
 * and config/ is a folder each of them may import (ARCHITECTURE.md, "Folders and what each
 * may import").
 */
export function stepName(step: number): string {
  return step === 0 ? 'first email' : `follow-up ${step}`;
}
