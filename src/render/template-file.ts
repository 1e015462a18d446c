import { statSync } from 'node:fs';
import { readTemplateSource, templateFrom, type Template } from './template.js';

/** Compiled templates by label and text: a file saved back to an earlier text is not compiled again. */
const compiled = new Map<string, Template>();
const COMPILED_MAX = 64;

/**
 * A template file as a long-running worker sees it: compiled once per content, and looked
 * at again at most every `recheckMs` (its size and modification time), so a template fixed
 * while the worker runs is used for the sends still queued, with no restart.
 * A file saved with an error fails the sends rendered from it, naming the file, line and
 * column, until it is fixed; `outreach retry` queues those again.
 */
export class TemplateFile {
  private checkedAt: number;
  private stamp: string;
  private current: Template;

  constructor(
    private readonly path: string,
    private readonly label: string,
    private readonly subjectRequired: boolean,
    private readonly recheckMs = 1000,
    private readonly clock: () => number = Date.now,
  ) {
    this.stamp = this.stampNow();
    this.current = this.compile();
    this.checkedAt = this.clock();
  }

  private stampNow(): string {
    const st = statSync(this.path, { throwIfNoEntry: false });
    return st ? `${st.size}:${st.mtimeMs}` : 'missing';
  }

  private compile(): Template {
    const source = readTemplateSource(this.path, this.label);
    const key = `${this.label}\0${this.subjectRequired}\0${source}`;
    let t = compiled.get(key);
    if (!t) {
      t = templateFrom(source, this.label, this.subjectRequired);
      if (compiled.size >= COMPILED_MAX) compiled.delete(compiled.keys().next().value!);
      compiled.set(key, t);
    }
    return t;
  }

  /** The template as the file is now (checked at most every `recheckMs`). */
  get(): Template {
    const now = this.clock();
    if (now - this.checkedAt < this.recheckMs) return this.current;
    this.checkedAt = now;
    const stamp = this.stampNow();
    if (stamp !== this.stamp) {
      // Compiled first: a file with an error throws here, and is read again on the next send.
      this.current = this.compile();
      this.stamp = stamp;
    }
    return this.current;
  }
}
