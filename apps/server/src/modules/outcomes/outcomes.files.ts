import { eq } from 'drizzle-orm';
import { pipTrainings } from '../../db/schema/index.ts';
import { AppError } from '../../lib/errors.ts';
import type { FileOwnerPolicy } from '../files/files.service.ts';
import { actorsOf, loadPlan } from '../pip/pip.queries.ts';

/**
 * Materials of a training (sign-in sheets, slides, test results): the plan's participants and HR
 * in scope read them; the manager, HRBP or HR attach them while the plan is in follow-up.
 */
export const trainingFilePolicy: FileOwnerPolicy = {
  async mayRead(exec, access, id) {
    const [t] = await exec.select({ planId: pipTrainings.planId }).from(pipTrainings).where(eq(pipTrainings.id, id));
    if (!t) return false;
    try {
      const a = actorsOf(access, await loadPlan(exec, access, t.planId, false), []);
      return a.has('employee') || a.has('manager') || a.has('hrbp') || a.has('hr');
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return false;
      throw e;
    }
  },
  async assertWritable(tx, access, id) {
    const [t] = await tx.select({ planId: pipTrainings.planId }).from(pipTrainings).where(eq(pipTrainings.id, id));
    if (!t) throw new AppError('NOT_FOUND', `没有这次培训：${id}`);
    const p = await loadPlan(tx, access, t.planId, true);
    const a = actorsOf(access, p, []);
    if (!a.has('manager') && !a.has('hrbp') && !a.has('hr')) throw new AppError('FORBIDDEN', '只有直属上级、HRBP 或 HR 可以上传培训材料');
    if (p.plan.state !== 'follow_up') throw new AppError('CONFLICT', '计划已不在跟进阶段，培训材料不能再更改', { reason: 'state', state: p.plan.state });
  },
};
