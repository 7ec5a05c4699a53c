import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SIM_ADMIN_HEADER, simCredentials } from '../../server/src/wecom-sim/sim.credentials.ts';
import { PASSWORD, shift, type Plan } from './plans.ts';
import { apiSignIn, byTestId, openInWecom, pageWidth, screenshotOnFailure, serverAndBrowser, shot, type ApiSession } from './support.ts';

// The scenario of the source document, end to end through the WeCom simulator: a plan submitted
// in Uplift puts a card on the manager's phone; 同意 there moves the plan on and greys the card
// out; a forged click changes nothing; the employee acknowledges through the card's link inside
// WeCom; the check-ins land in the WeCom calendar and the plan's group chat gets its milestone.

const SECRET = 'e2e-wecom-pip-0123456789abcdefghijklmnopqrstuvwxyz';

type SentMessage = { msgid: string; recipients: string[]; body: { template_card?: { task_id: string; main_title: { title: string } } } };
type Delivery = { msgid: string; userid: string; card: { replaceName: string | null } };

describe('a plan in WeCom', () => {
  const env = serverAndBrowser({ UPLIFT_SECRET: SECRET });
  const simHeaders = { [SIM_ADMIN_HEADER]: simCredentials(SECRET).adminKey, 'content-type': 'application/json' };
  const sim = async (action: string, body: unknown) => (await fetch(`${env.server.url}/wecom-sim/admin/${action}`, { method: 'POST', headers: simHeaders, body: JSON.stringify(body) })).json();
  const view = async <T,>(name: string): Promise<T> => ((await (await fetch(`${env.server.url}/wecom-sim/admin/${name}`, { headers: simHeaders })).json()) as Record<string, T>)[name]!;
  const wecomIdOf = async (hr: ApiSession, employeeId: string) => (await hr.get<{ employeeNo: string }>(`/api/people/${employeeId}`)).employeeNo.toLowerCase();

  /** Reloads the phone until `text` shows (deliveries go out on the job queue, right after the request). */
  async function until(page: Page, text: string) {
    for (let i = 0; i < 40; i++) {
      if ((await page.getByText(text).count()) > 0) return;
      await page.waitForTimeout(250);
      await page.reload();
    }
    throw new Error(`"${text}" never showed on the phone`);
  }

  it('card approval, a refused forgery, acknowledgment inside WeCom, calendar and chat', async () => {
    const [manager, employee, hr, hrbp] = await Promise.all(['manager', 'employee', 'hr', 'hrbp'].map((u) => apiSignIn(env.server.url, u, PASSWORD)));
    const { today } = await manager!.get<{ today: string }>('/api/meta');
    const idOf = async (s: ApiSession) => (await s.get<{ user: { employeeId: string } }>('/api/auth/me')).user.employeeId;
    const [employeeId, hrbpId] = await Promise.all([idOf(employee!), idOf(hrbp!)]);
    const { name } = await hr!.get<{ name: string }>(`/api/people/${employeeId}`);
    const { id } = await manager!.post<{ id: string }>('/api/pips', { employeeId, problemType: 'performance', manualReason: '连续绩效未达标', plannedStart: shift(today, 1), plannedEnd: shift(today, 45) });
    await manager!.post(`/api/pips/${id}/actions/submit`, {});

    // the manager's phone: the approval card, 同意 from the card
    const phone = await openInWecom(env.browser, env.server.url, manager!);
    screenshotOnFailure(phone, 'wecom-pip-manager');
    const title = `待审批：${name} 的改进计划`;
    await until(phone, title);
    const card = phone.locator('.card', { hasText: title });
    await shot(phone, 'wecom-card-approval');
    await card.getByRole('button', { name: '同意' }).click();
    await card.locator('.done', { hasText: '已同意' }).waitFor();
    expect(await card.getByRole('button').count()).toBe(0);
    let plan = await hr!.get<Plan>(`/api/pips/${id}`);
    expect(plan.approvals[0]!.status).toBe('approved');
    expect(plan.state).toBe('pending_approval');
    await shot(phone, 'wecom-card-approved');

    // the next step goes to the demo HRBP (group HR hands it over where needed); a forged click
    // from the employee on the HRBP's card is refused and changes nothing
    const step = plan.approvals.find((s) => s.status === 'pending')!;
    if (step.approver.id !== hrbpId) await hr!.post(`/api/pips/${id}/approvals/${step.id}/delegate`, { delegateId: hrbpId });
    const hrbpUser = await wecomIdOf(hr!, hrbpId);
    let hrbpCard: SentMessage | undefined;
    for (let i = 0; i < 40 && !hrbpCard; i++) {
      // the approval card of this plan (待审批, or 委托您审批 when handed over)
      hrbpCard = (await view<SentMessage[]>('messages')).find((m) => m.recipients.includes(hrbpUser) && !!m.body.template_card && JSON.stringify(m.body).includes(encodeURIComponent(`/pips/${id}`)) && JSON.stringify(m.body).includes('"key":"pip.approve"'));
      if (!hrbpCard) await new Promise((r) => setTimeout(r, 250));
    }
    expect(hrbpCard).toBeDefined();
    const employeeUser = await wecomIdOf(hr!, employeeId);
    const forged = await sim('event', { event: 'template_card_event', from: employeeUser, fields: { EventKey: 'pip.approve', TaskId: hrbpCard!.body.template_card!.task_id, CardType: 'button_interaction', ResponseCode: 'forged' } });
    expect(forged).toMatchObject({ pushed: true });
    const after = await hr!.get<Plan>(`/api/pips/${id}`);
    expect(after.approvals.find((s) => s.id === step.id)!.status).toBe('pending');
    expect((await view<Delivery[]>('deliveries')).find((d) => d.msgid === hrbpCard!.msgid && d.userid === hrbpUser)!.card.replaceName).toBeNull();

    // the rest of the chain approves on the web; the manager sets the goals
    for (let i = 0; i < 8; i++) {
      plan = await hr!.get<Plan>(`/api/pips/${id}`);
      if (plan.state !== 'pending_approval') break;
      const next = plan.approvals.find((s) => s.status === 'pending')!;
      if (next.approver.id !== hrbpId) await hr!.post(`/api/pips/${id}/approvals/${next.id}/delegate`, { delegateId: hrbpId });
      await hrbp!.post(`/api/pips/${id}/actions/approve`, { comment: '同意' });
    }
    const goal = (t: string, weight: number) => ({ title: t, description: '', metric: t, baseline: '60', target: '90', unit: '%', weight, dueDate: shift(today, 40), support: '每周辅导' });
    await manager!.put(`/api/pips/${id}/goals`, { goals: [goal('季度销售额达成 90%', 60), goal('客户拜访质量', 40)], finalise: true });

    // the employee's phone: the card's link opens the plan inside WeCom, signed in, where they acknowledge
    const mine = await openInWecom(env.browser, env.server.url, employee!);
    screenshotOnFailure(mine, 'wecom-pip-employee');
    await until(mine, '请查看并签收您的改进计划');
    const ackCard = mine.locator('.card', { hasText: '请查看并签收您的改进计划' });
    expect(await ackCard.getByRole('button').count()).toBe(0);
    await ackCard.getByRole('link', { name: '查看并签收' }).click();
    // (the browser keeps the authorize URL's #wechat_redirect through the redirects)
    await mine.waitForURL((u) => u.pathname === `/pips/${id}`);
    await byTestId(mine, 'ack-read').click();
    await byTestId(mine, 'ack-submit').click();
    await byTestId(mine, 'ack-history').waitFor();
    expect(await pageWidth(mine)).toBeLessThanOrEqual(375);
    plan = await hr!.get<Plan & { acknowledgments: { channel: string; status: string }[] }>(`/api/pips/${id}`);
    expect(plan.state).toBe('in_progress');
    expect((plan as unknown as { acknowledgments: { channel: string }[] }).acknowledgments.at(-1)!.channel).toBe('wecom');

    // back on the phone: the card is settled, the 1:1s are in the calendar, the chat has its milestone
    await mine.goBack();
    await mine.waitForURL('**/wecom-sim/phone**');
    await until(mine, '已签收');
    await until(mine, `改进计划一对一面谈：${name}`);
    await until(mine, '改进计划已开始');
    await shot(mine, 'wecom-phone-after-ack');
  });
});
