import { formatDoctor, runDoctor, type DoctorReport } from '../../setup/doctor.js';
import type { CommandResult, Ctx } from '../io.js';

/** `outreach doctor`: exit 0 only when everything a send needs is in order. */
export async function doctor(ctx: Ctx): Promise<CommandResult<DoctorReport>> {
  const report = await runDoctor(ctx.dir, ctx.io.env);
  return { data: report, text: formatDoctor(report), exitCode: report.ok ? 0 : 1 };
}
