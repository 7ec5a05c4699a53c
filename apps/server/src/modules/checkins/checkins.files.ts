import { AppError } from '../../lib/errors.ts';
import type { FileOwnerPolicy } from '../files/files.service.ts';
import { actorsOf } from '../pip/pip.queries.ts';
import { loadCheckin } from './checkins.queries.ts';

export { CHECKIN_FILES } from './checkins.queries.ts';

/**
 * Attachments of a check-in: the plan's participants (employee, manager, HRBP) and HR in scope
 * read them; the manager or HR attach or remove while the minutes are open (not yet confirmed).
 */
export const checkinFilePolicy: FileOwnerPolicy = {
  async mayRead(exec, access, id) {
    try {
      const { p } = await loadCheckin(exec, access, id, false);
      const a = actorsOf(access, p, []);
      return a.has('employee') || a.has('manager') || a.has('hrbp') || a.has('hr');
    } catch (e) {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return false;
      throw e;
    }
  },
  async assertWritable(tx, access, id) {
    const { c, p } = await loadCheckin(tx, access, id, true);
    const a = actorsOf(access, p, []);
    if (!a.has('manager') && !a.has('hr')) throw new AppError('FORBIDDEN', '只有直属上级或 HR 可以上传面谈附件');
    if (c.status === 'cancelled') throw new AppError('CONFLICT', '这次面谈已取消', { reason: 'checkin_state', status: c.status });
    if (c.employeeConfirmedAt) throw new AppError('CONFLICT', '员工已确认纪要，附件不能再更改', { reason: 'minutes_confirmed' });
  },
};
