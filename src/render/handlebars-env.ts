import Handlebars from 'handlebars';
import { registerPhrasingHelpers } from './phrasing/phrasing-helpers.js';

/**
 * One isolated Handlebars environment for email text:
 * - strict: a field the contact lacks is an error, never a silent blank;
 * - noEscape: these are plain-text bodies and headers, so "&" must stay "&";
 * - prototype access stays off (Handlebars >= 4.6 default; see its "prototype access" docs);
 * - helpers are few and small: `part` marks one of the email's named parts so lint can check it;
 *   the phrasing helpers (phrasing/phrasing-helpers.ts) turn PubMed's strings into prose.
 */
export const hbs = Handlebars.create();
registerPhrasingHelpers(hbs);

export interface RenderData {
  parts: Record<string, string>;
  /** The clock the phrasing helpers use ("recent" is relative to it). */
  now?: Date;
  /** An A/B variant's text for some parts (render/variants.ts). */
  overrides?: Record<string, Handlebars.TemplateDelegate>;
}

hbs.registerHelper('part', function (this: unknown, name: unknown, options: Handlebars.HelperOptions) {
  if (typeof name !== 'string') throw new Error('part: expected a name, e.g. {{#part "introduction"}}');
  const data = options.data as RenderData | undefined;
  const override = data?.overrides?.[name];
  const text = String(override ? override(this, { data: options.data }) : options.fn(this)).trim();
  if (data?.parts) data.parts[name] = text;
  // Ends with a newline so the blank line the template puts between parts survives.
  return `${text}\n`;
});

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

// Handlebars' own `lookup` returns a silent blank for a key the object lacks, strict mode or
// not. This one is strict: the key must be an own property (a field), as {{name}} must be.
hbs.registerHelper('lookup', function (obj: unknown, key: unknown) {
  const k = String(key);
  if (obj === null || typeof obj !== 'object' || !Object.prototype.hasOwnProperty.call(obj, k))
    throw new Error(`"${k}" not defined in lookup`);
  return (obj as Record<string, unknown>)[k];
});

export function compile(source: string): Handlebars.TemplateDelegate {
  // trackIds (in Handlebars' compiler, missing from its typings) gives helpers their arguments' names.
  return hbs.compile(source, { strict: true, noEscape: true, trackIds: true } as CompileOptions);
}
