import type { Config } from './schema.js';
import type { Profile } from './profile.js';

// The starter project (outreach init) ships with these values so it can be tried as it is.
// They are refused for any transport that leaves the machine (CLI-CONTRACT.md).
const SAMPLE_NAMES = new Set(['Dr. Sample Applicant', 'Sample Applicant']);
const SAMPLE_SCHOOL = 'Sample Medical College';
// RFC 2606 reserves these domains for examples: no real mailbox sends from them.
const RESERVED = /@(.+\.)?example\.(com|org|net)$/i;

export function usesSampleValues(sender: Config['sender'], profile: Profile): string[] {
  const found: string[] = [];
  if (RESERVED.test(sender.email)) found.push(`sender.email (${sender.email})`);
  if (SAMPLE_NAMES.has(sender.name)) found.push(`sender.name (${sender.name})`);
  if (SAMPLE_NAMES.has(profile.name)) found.push(`profile name (${profile.name})`);
  if (profile.medicalSchool === SAMPLE_SCHOOL) found.push(`profile medicalSchool (${profile.medicalSchool})`);
  return found;
}
