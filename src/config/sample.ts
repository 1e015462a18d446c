import type { Config } from './schema.js';
import type { Profile } from './profile.js';

// The starter project (outreach init) ships with these values so it can be tried as it is.
// They are refused for any transport that leaves the machine (CLI-CONTRACT.md). The
// starter's own profile.json must match STARTER_PROFILE (a test compares them).
const SAMPLE_NAMES = new Set(['Dr. Sample Applicant', 'Sample Applicant']);
export const STARTER_PROFILE = {
  name: 'Dr. Sample Applicant',
  medicalSchool: 'Sample Medical College',
  graduationYear: '2024',
  usmle: 'I have passed USMLE Step 1 and Step 2 CK and am ECFMG certified',
  location: 'Chicago, IL',
  skills: 'I have experience with literature reviews, data collection and REDCap, basic statistics in R, and writing case reports; I am learning Python for image analysis.',
  ask: 'Would you be open to a short call about any ongoing or upcoming project where I could help, such as a retrospective study, a systematic review or a case series?',
  flexibility: 'I can work remotely or part-time and am glad to take on the time-consuming tasks, such as chart review, data entry and literature searches.',
  signature: 'Sample Medical College, Class of 2024',
} as const;
// RFC 2606 reserves these domains for examples: no real mailbox sends from them.
const RESERVED = /@(.+\.)?example\.(com|org|net)$/i;
/** Text that only the starter's samples contain, wherever it appears (a signature edited around it). */
const SAMPLE_WORDS = /\bSample (Medical College|Applicant)\b/;

/** The profile fields that are personal, so a sample there would speak for someone else. `imgStatus` is a neutral default. */
const PERSONAL = ['name', 'medicalSchool', 'graduationYear', 'usmle', 'location', 'signature', 'skills', 'ask', 'flexibility'] as const;

export function usesSampleValues(sender: Config['sender'], profile: Profile): string[] {
  const found: string[] = [];
  const norm = (v: unknown) => String(v ?? '').replace(/\s+/g, ' ').trim();
  if (RESERVED.test(sender.email)) found.push(`sender.email (${sender.email})`);
  if (SAMPLE_NAMES.has(sender.name)) found.push(`sender.name (${sender.name})`);
  for (const k of PERSONAL) {
    const v = norm(profile[k]);
    if (v !== '' && (v === STARTER_PROFILE[k] || (k !== 'graduationYear' && SAMPLE_WORDS.test(v)))) found.push(`profile.${k}`);
  }
  return found;
}
