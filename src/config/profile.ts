import { z } from 'zod';

/**
 * The applicant's profile: the facts the five-part email is built from (introduction,
 * skills, ask, flexibility). Templates see it as `profile.*`.
 */
export const ProfileSchema = z
  .object({
    name: z.string().min(1),
    medicalSchool: z.string().min(1),
    graduationYear: z.union([z.string(), z.number()]).transform(String).optional(),
    imgStatus: z.string().min(1).default('an international medical graduate'),
    usmle: z.string().min(1),
    location: z.string().min(1),
    skills: z.string().min(1),
    ask: z.string().min(1),
    flexibility: z.string().min(1),
    signature: z.string().optional(),
  })
  .catchall(z.unknown());

export type Profile = z.infer<typeof ProfileSchema>;
