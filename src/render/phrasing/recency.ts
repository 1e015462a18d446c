/** A paper counts as recent for this many years before the current one ("2024" in 2026). */
export const RECENT_YEARS = 2;

export function isRecent(year: string | number | undefined, now: Date): boolean {
  const y = Number(year);
  if (!Number.isInteger(y) || y < 1000) return false;
  return y >= now.getUTCFullYear() - RECENT_YEARS;
}

/** "your recent paper" for a paper from the last RECENT_YEARS years, otherwise "your paper". */
export function yourPaper(year: string | number | undefined, now: Date): string {
  return isRecent(year, now) ? 'your recent paper' : 'your paper';
}
