/**
 * A profile value as a whole sentence: capital first letter, exactly one closing mark. Lets a
 * template write `{{sentence profile.usmle}}` whether the user ended the value with "." or not
 * (no "certified" without a period, no "certified..").
 */
export function sentence(raw: string): string {
  const t = raw.replace(/\s+/g, ' ').trim();
  if (t === '') return '';
  const capital = t.replace(/\p{L}/u, (c) => c.toUpperCase());
  return /[.?!]["')\]]?$/.test(capital) ? capital : `${capital}.`;
}
