import type { Redis } from 'ioredis';
import { loadProfile, loadProject, type Project } from '../config/load.js';
import type { Profile } from '../config/profile.js';
import { Keys } from '../store/keys.js';
import { connectCli } from '../store/redis.js';
import type { Io } from './io.js';

export interface Session {
  project: Project;
  redis: Redis;
  keys: Keys;
  profile(): Profile;
}

/** Loads the project (config parsed once) and connects to Redis; always disconnects after. */
export async function withSession<T>(dir: string, io: Io, fn: (s: Session) => Promise<T>): Promise<T> {
  const project = loadProject(dir, io.env);
  const redis = await connectCli(project.config.redis.url);
  let profile: Profile | undefined;
  try {
    return await fn({ project, redis, keys: new Keys(project.config.redis.prefix, project.config.sender.email), profile: () => (profile ??= loadProfile(project)) });
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
