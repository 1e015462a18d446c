/**
 * Month and weekday names (English, Spanish, French, German, Portuguese, Italian, Dutch) and
 * a parser for the date expressions auto-replies use: "3 December", "December 3rd, 2024",
 * "Monday, January 6th", "3. Dezember", "3 de diciembre de 2024", "12/03/2024", "2024-12-03",
 * "Friday". Accents are stripped before matching.
 */

const MONTHS: Record<string, number> = {};
const addMonths = (names: string[]): void => names.forEach((n, i) => n.split('|').forEach((v) => (MONTHS[v] = i + 1)));
addMonths(['january|jan', 'february|feb', 'march|mar', 'april|apr', 'may', 'june|jun', 'july|jul', 'august|aug', 'september|sept|sep', 'october|oct', 'november|nov', 'december|dec']);
addMonths(['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre|setiembre', 'octubre', 'noviembre', 'diciembre']);
addMonths(['janvier|janv', 'fevrier|fevr', 'mars', 'avril', 'mai', 'juin', 'juillet|juil', 'aout', 'septembre', 'octobre', 'novembre', 'decembre']);
addMonths(['januar|jan', 'februar', 'marz|maerz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober|okt', 'november', 'dezember|dez']);
addMonths(['janeiro', 'fevereiro', 'marco', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro']);
addMonths(['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre']);
addMonths(['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december']);

/** 0 = Sunday, as Date#getUTCDay. */
const WEEKDAYS: Record<string, number> = {};
const addDays = (names: string[]): void => names.forEach((n, i) => n.split('|').forEach((v) => (WEEKDAYS[v] = i)));
addDays(['sunday|sun', 'monday|mon', 'tuesday|tue|tues', 'wednesday|wed', 'thursday|thu|thurs', 'friday|fri', 'saturday|sat']);
addDays(['domingo', 'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado']);
addDays(['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi']);
addDays(['sonntag', 'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag|sonnabend']);
addDays(['domingo', 'segunda|segunda-feira', 'terca|terca-feira', 'quarta|quarta-feira', 'quinta|quinta-feira', 'sexta|sexta-feira', 'sabado']);
addDays(['domenica', 'lunedi', 'martedi', 'mercoledi', 'giovedi', 'venerdi', 'sabato']);
addDays(['zondag', 'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag']);

const MONTH_RE = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const DAY_RE = Object.keys(WEEKDAYS).sort((a, b) => b.length - a.length).join('|');
const ORD = String.raw`(?:st|nd|rd|th|er|e|eme|º|°|o|\.)?`;
const YEAR = String.raw`(?:,?\s*(?:de\s+|del\s+)?(\d{4}))?`;

/** Day month [year]: "3 December", "3rd of December 2024", "3. Dezember", "3 de diciembre de 2024". */
const DAY_MONTH = new RegExp(String.raw`^(\d{1,2})${ORD}\s*(?:of\s+|de\s+|di\s+)?(${MONTH_RE})\b\.?${YEAR}`);
/** Month day [year]: "December 3", "January 6th, 2025". */
const MONTH_DAY = new RegExp(String.raw`^(${MONTH_RE})\b\.?\s+(\d{1,2})${ORD}(?!\d)${YEAR}`);
const NUMERIC = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?(?![\d/])/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})/;
const WEEKDAY_ONLY = new RegExp(String.raw`^(${DAY_RE})\b`);

export type DateOrder = 'mdy' | 'dmy';

/** Lower case, accents removed, so "décembre" and "Décembre" both read "decembre". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/**
 * Parses the date expression at the start of `s` (already folded). A leading weekday name is
 * skipped when a full date follows ("Monday, January 6th"); alone it means the next such day.
 * Dates without a year take the first occurrence on or after the reference day.
 */
export function parseDateAt(s: string, ref: Date, order: DateOrder): Date | undefined {
  const afterDay = s.replace(new RegExp(String.raw`^(${DAY_RE})\b[.,]?\s*(?:the\s+|den\s+|le\s+|el\s+|il\s+|o\s+|dia\s+)?`), '');
  const dated = parseFullDate(afterDay, ref, order);
  if (dated) return dated;
  const wd = WEEKDAY_ONLY.exec(s)?.[1];
  if (wd === undefined) return undefined;
  const target = WEEKDAYS[wd] ?? 0;
  const diff = (target - ref.getUTCDay() + 7) % 7 || 7;
  return utc(ref.getUTCFullYear(), ref.getUTCMonth() + 1, ref.getUTCDate() + diff);
}

function parseFullDate(s: string, ref: Date, order: DateOrder): Date | undefined {
  let m = ISO.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DAY_MONTH.exec(s);
  if (m) return withYear(Number(m[1]), MONTHS[m[2] ?? ''] ?? 0, m[3], ref);
  m = MONTH_DAY.exec(s);
  if (m) return withYear(Number(m[2]), MONTHS[m[1] ?? ''] ?? 0, m[3], ref);
  m = NUMERIC.exec(s);
  if (m) {
    let [a, b] = [Number(m[1]), Number(m[2])];
    // US writers put the month first; the other languages (and any first part over 12) day first.
    if ((order === 'mdy' && a <= 12) || b > 12) [a, b] = [b, a];
    const year = m[3] ? (m[3].length === 2 ? `20${m[3]}` : m[3]) : undefined;
    return withYear(a, b, year, ref);
  }
  return undefined;
}

function withYear(day: number, month: number, year: string | undefined, ref: Date): Date | undefined {
  if (year) return valid(Number(year), month, day);
  const y = ref.getUTCFullYear();
  const cand = valid(y, month, day);
  const today = utc(y, ref.getUTCMonth() + 1, ref.getUTCDate());
  if (cand && today && cand.getTime() < today.getTime()) return valid(y + 1, month, day);
  return cand;
}

function valid(y: number, m: number, d: number): Date | undefined {
  const date = utc(y, m, d);
  return date && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : undefined;
}

function utc(y: number, m: number, d: number): Date | undefined {
  if (!(m >= 1 && m <= 12 && d >= 1 && y > 1900)) return undefined;
  return new Date(Date.UTC(y, m - 1, d));
}
