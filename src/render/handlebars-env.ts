import Handlebars from 'handlebars';

/**
 * One isolated Handlebars environment for email text:
 * - strict: a field the contact lacks is an error, never a silent blank;
 * - noEscape: these are plain-text bodies and headers, so "&" must stay "&";
 * - prototype access stays off (Handlebars >= 4.6 default; see its "prototype access" docs);
 * - helpers are few and small: `part` marks one of the email's named parts so lint can check it.
 */
export const hbs = Handlebars.create();

export interface RenderData {
  parts: Record<string, string>;
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

export function compile(source: string): Handlebars.TemplateDelegate {
  return hbs.compile(source, { strict: true, noEscape: true });
}
