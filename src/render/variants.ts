import type Handlebars from 'handlebars';
import type { VariantConfig } from '../config/schema.js';
import { UserError } from '../errors/user-error.js';
import { compile } from './handlebars-env.js';
import type { Template } from './template.js';

/**
 * An A/B variant of the first email: a name, and what it changes: the subject, and/or the text
 * of named parts (`{{#part "ask"}}`). The first variant is the baseline the others are
 * compared against; a variant that changes nothing is the template as written.
 *
 * Defined in outreach.config.json (`variants: [{name, subject?, parts?}]`) or in the first
 * email's front matter:
 *
 *   ---
 *   subject: Prospective IMG collaborator interested in {{topic}} radiology research
 *   variants: A, B
 *   variant B subject: {{topic}} research: could I help with a project?
 *   variant B ask: Could we have a 15-minute call next week?
 *   ---
 */
export interface Variant {
  name: string;
  subject?: Handlebars.TemplateDelegate;
  overrides: Record<string, Handlebars.TemplateDelegate>;
}

const NAMES = /^variants\s*:\s*(.*)$/i;
const LINE = /^variant\s+([A-Za-z0-9][A-Za-z0-9_-]{0,31})\s+([A-Za-z0-9_-]+)\s*:\s*(.*)$/i;

/**
 * The variants from the config, then those of the first template's front matter, in order.
 * Their texts go through compile() (handlebars-env.ts), which parses on first use only: a tag
 * error in a variant's text is thrown when a message is rendered, and lint reports it there.
 */
export function loadVariants(config: VariantConfig[], first: Template): Variant[] {
  const byName = new Map<string, Variant>();
  const get = (name: string) => {
    if (!byName.has(name)) byName.set(name, { name, overrides: {} });
    return byName.get(name)!;
  };
  for (const v of config) {
    const out = get(v.name);
    if (v.subject !== undefined) out.subject = compile(v.subject);
    for (const [part, text] of Object.entries(v.parts)) out.overrides[part] = compile(text);
  }
  first.frontMatter.forEach((line, i) => {
    const where = `${first.file}:${i + 2}`;
    const names = NAMES.exec(line);
    if (names) {
      for (const n of names[1]!.split(',').map((x) => x.trim()).filter(Boolean)) {
        if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/.test(n)) throw new UserError(`variant name "${n}" is not plain`, { where, hint: 'use letters, digits, "_" or "-"' });
        get(n);
      }
      return;
    }
    const m = LINE.exec(line);
    if (!m) return;
    const [, name, what, text] = m as unknown as [string, string, string, string];
    if (what.toLowerCase() === 'subject') get(name).subject = compile(text);
    else get(name).overrides[what] = compile(text);
  });
  const out = [...byName.values()];
  if (out.length === 1) throw new UserError(`only one variant ("${out[0]!.name}") is defined`, { where: first.file, hint: 'an A/B test needs at least two variants, e.g. "variants: A, B"' });
  return out;
}

/** The variant for a contact: its assigned one, else the baseline (before assignment, e.g. in a preview). */
export function variantFor(variants: Variant[], assigned: string | undefined): Variant | undefined {
  if (variants.length === 0) return undefined;
  if (!assigned) return variants[0];
  const v = variants.find((x) => x.name === assigned);
  if (!v) throw new UserError(`variant "${assigned}" is no longer defined`, { where: 'variants', hint: 'keep every variant that contacts were given; add new ones after them' });
  return v;
}
