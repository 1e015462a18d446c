import type { Command } from 'commander';
import type { Redis } from 'ioredis';
import { loadProfile, loadProject, type Project } from '../config/load.js';
import type { Profile } from '../config/profile.js';
import { Keys } from '../store/keys.js';
import { connectCli } from '../store/redis.js';

/** The global --dir option, from any subcommand. */
export function projectDir(cmd: Command): string {
  let c: Command | null = cmd;
  while (c?.parent) c = c.parent;
  return (c?.opts().dir as string | undefined) ?? process.cwd();
}

export interface Session {
  project: Project;
  redis: Redis;
  keys: Keys;
  profile(): Profile;
}

/** Loads the project (config parsed once) and connects to Redis; always disconnects after. */
export async function withSession<T>(cmd: Command, fn: (s: Session) => Promise<T>): Promise<T> {
  const project = loadProject(projectDir(cmd));
  const redis = await connectCli(project.config.redis.url);
  let profile: Profile | undefined;
  try {
    return await fn({ project, redis, keys: new Keys(project.config.redis.prefix, project.config.sender.email), profile: () => (profile ??= loadProfile(project)) });
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
