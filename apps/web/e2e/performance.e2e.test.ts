import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { byTestId, pageWidth, screenshotOnFailure, shot, serverAndBrowser, openSignedIn } from './support.ts';

/** The demo group's HR director (group_hr, whole group), a staff member of 星河科技 and their manager. */
const HR = { username: 'hr', password: 'Uplift#2026' } as const;
const EMPLOYEE = { username: 'employee', password: 'Uplift#2026' } as const;
const MANAGER = { username: 'manager', password: 'Uplift#2026' } as const;
const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 860 } };

type Unit = { id: string; type: string; parentId: string | null; active: boolean };
type Person = { id: string; employeeNo: string; name: string; orgPath: { id: string }[] };
type Quarter = { code: string; name: string; startDate: string; endDate: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** `count` quarters ending just before the quarter `shift` quarters from today's (0: the last complete ones), oldest first. */
function quarters(shift: number, count: number, prefix: string): Quarter[] {
  const now = new Date();
  const current = now.getFullYear() * 4 + Math.floor(now.getMonth() / 3) + shift;
  return Array.from({ length: count }, (_, i) => {
    const index = current - count + i;
    const y = Math.floor(index / 4);
    const q = (index % 4) + 1;
    const endMonth = q * 3;
    const endDay = new Date(Date.UTC(y, endMonth, 0)).getUTCDate();
    return { code: `${prefix}-${y}Q${q}`, name: `${prefix} ${y}年第${q}季度`, startDate: `${y}-${pad(endMonth - 2)}-01`, endDate: `${y}-${pad(endMonth)}-${pad(endDay)}` };
  });
}

/** The option of the open antd select whose text starts with `label` (hidden dropdowns stay in the DOM). */
function option(page: Page, label: string) {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
}

async function confirmPopover(page: Page, button: string): Promise<void> {
  await page.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: button }).click();
}

/** JSON calls with the page's session (cookies and the CSRF token), for arranging data. */
function api(page: Page, base: string) {
  const call = async <T,>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> => {
    const csrf = (await page.context().cookies()).find((c) => c.name === 'uplift_csrf')?.value ?? '';
    const res = await page.request.fetch(`${base}${path}`, { method, headers: { 'x-csrf-token': csrf }, data: body === undefined ? undefined : body });
    const data: unknown = await res.json();
    if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()}: ${JSON.stringify(data)}`);
    return data as T;
  };
  return { get: <T,>(path: string) => call<T>('GET', path), post: <T,>(path: string, body: unknown = {}) => call<T>('POST', path, body), put: <T,>(path: string, body: unknown) => call<T>('PUT', path, body) };
}

/**
 * Early warning as group HR, in Chinese: two quarterly cycles (one opened in the UI, one by the
 * API), a staff member's results below 80% entered (and one corrected) in the result modal, both
 * cycles closed, a "two consecutive quarters below 80%" rule previewed (it names that person),
 * saved and enabled; the candidate on /candidates with its evidence, dismissed with a reason; the
 * person's performance file with its chart; their manager's read-only view of the candidacy; and
 * the person's own view, which shows no candidacy.
 */
describe('performance data and early warning', () => {
  const env = serverAndBrowser();

  async function signedIn(user: { username: string; password: string }, opts: BrowserContextOptions): Promise<Page> {
    return openSignedIn(env.browser, env.server.url, user, opts);
  }

  async function tree(page: Page): Promise<Unit[]> {
    return (await api(page, env.server.url).get<{ items: Unit[] }>('/api/org/tree')).items;
  }

  it('group HR enters results, closes the cycles, previews and enables a rule, and dismisses the candidate', async () => {
    // who the demo employee is, as they see themselves
    const own = await signedIn(EMPLOYEE, desktop);
    const me = await api(own, env.server.url).get<{ user: { employeeId: string } }>('/api/auth/me');
    const personId = me.user.employeeId;
    await own.context().close();

    const page = await signedIn(HR, desktop);
    screenshotOnFailure(page, 'performance-journey');
    const http = api(page, env.server.url);
    const person = await http.get<Person>(`/api/people/${personId}`);
    const root = (await tree(page)).find((u) => u.parentId === null);
    if (!root) throw new Error('the demo group has no root unit');
    const [q1, q2] = quarters(0, 2, 'E2E');
    if (!q1 || !q2) throw new Error('two quarters expected');

    // the first cycle through the page, the second by the API
    await byTestId(page, 'nav-cycles').click();
    await page.waitForURL('**/cycles');
    await byTestId(page, 'cycle-create').click();
    await byTestId(page, 'cycle-code').fill(q1.code);
    await byTestId(page, 'cycle-name').fill(q1.name);
    await byTestId(page, 'cycle-start').fill(q1.startDate);
    await byTestId(page, 'cycle-end').fill(q1.endDate);
    await shot(page, 'performance-1-cycle-modal');
    await byTestId(page, 'cycle-submit').click();
    await page.locator(`[data-testid="cycle-row"][data-code="${q1.code}"]`).waitFor();
    await http.post('/api/performance/cycles', { ...q2, type: 'quarterly', ownerUnitId: root.id });

    // results below 80% in both, through the result modal; the first corrected afterwards
    await page.goto(`${env.server.url}/people/${personId}`);
    await byTestId(page, 'person-performance').click();
    await page.waitForURL(`**/people/${personId}/performance`);
    await byTestId(page, 'results-empty').waitFor();
    for (const [q, achievement] of [
      [q1, '72'],
      [q2, '75'],
    ] as const) {
      await byTestId(page, 'result-enter').click();
      await byTestId(page, 'result-cycle').click();
      await option(page, q.name).click();
      await byTestId(page, 'result-achievement').fill(achievement);
      await byTestId(page, 'result-grade').click();
      await option(page, 'C').click();
      await byTestId(page, 'result-submit').click();
      await page.locator(`[data-testid="result-row"][data-cycle="${q.code}"]`).waitFor();
    }
    await page.locator(`[data-testid="result-row"][data-cycle="${q1.code}"] [data-testid="result-correct"]`).click();
    await byTestId(page, 'result-correcting').waitFor();
    await byTestId(page, 'result-achievement').fill('70');
    await byTestId(page, 'result-submit').click();
    // a correction without its reason is refused on the form
    await page.locator('.ant-form-item-explain-error', { hasText: '更正已有结果需要填写原因' }).waitFor();
    await byTestId(page, 'result-reason').fill('复核后更正达成率');
    await byTestId(page, 'result-submit').click();
    const corrected = page.locator(`[data-testid="result-row"][data-cycle="${q1.code}"]`);
    await corrected.locator('[data-testid="result-corrected"]').click();
    expect(await byTestId(page, 'correction-history').innerText()).toContain('复核后更正达成率');
    expect(await corrected.locator('[data-testid="result-achievement-value"]').innerText()).toBe('70%');
    await byTestId(page, 'performance-chart').locator('canvas').waitFor();

    // closing makes the results final; the page asks first
    await byTestId(page, 'nav-cycles').click();
    await page.waitForURL('**/cycles');
    for (const q of [q1, q2]) {
      const row = page.locator(`[data-testid="cycle-row"][data-code="${q.code}"]`);
      await row.locator('[data-testid="cycle-close"]').click();
      expect(await page.locator('.ant-popconfirm:not(.ant-popover-hidden)').innerText()).toContain('成为最终结果');
      await confirmPopover(page, '关闭');
      await row.locator('[data-testid="cycle-status"][data-status="closed"]').waitFor();
    }
    await shot(page, 'performance-2-cycles');

    // the rule: the form starts as "2 consecutive quarters below 80% achievement"; preview names the person
    const ruleName = '连续两个季度达成率低于80%';
    await byTestId(page, 'nav-rules').click();
    await page.waitForURL('**/rules');
    await byTestId(page, 'rule-create').click();
    await byTestId(page, 'rule-name').fill(ruleName);
    await byTestId(page, 'rule-preview-run').click();
    const count = byTestId(page, 'rule-preview-count');
    await count.waitFor();
    expect(Number(await count.getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    expect(await count.innerText()).toMatch(/这条规则现在会标记 \d+ 名员工/);
    const previewed = page.locator(`[data-testid="rule-preview-item"][data-employee="${person.employeeNo}"]`);
    await previewed.click();
    await byTestId(page, 'rule-preview').locator('[data-testid="evidence-cycles"]').first().waitFor();
    await shot(page, 'performance-3-preview');
    await byTestId(page, 'rule-save').click();
    const ruleRow = page.locator(`[data-testid="rule-row"][data-name="${ruleName}"]`);
    await ruleRow.waitFor();
    await byTestId(page, 'rule-name').waitFor({ state: 'detached' });
    expect(await ruleRow.locator('[data-testid="rule-enabled"]').getAttribute('aria-checked')).toBe('false');
    await ruleRow.locator('[data-testid="rule-enabled"]').click();
    await confirmPopover(page, '启用');
    await ruleRow.locator('[data-testid="rule-enabled"][aria-checked="true"]').waitFor();
    await expect.poll(async () => Number(await ruleRow.locator('[data-testid="rule-open-candidates"]').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);

    // editing one rule, then another: each opens with its own values, never the last one's
    const names = await page.locator('[data-testid="rule-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name') ?? ''));
    const other = names.find((n) => n !== ruleName);
    expect(other).toBeDefined();
    for (const name of [other!, ruleName]) {
      await page.locator(`[data-testid="rule-row"][data-name="${name}"] [data-testid="rule-edit"]`).click();
      await expect.poll(() => byTestId(page, 'rule-name').inputValue()).toBe(name);
      await page.keyboard.press('Escape');
      await byTestId(page, 'rule-name').waitFor({ state: 'detached' });
    }

    // the candidate, its evidence, and the dismissal
    await byTestId(page, 'nav-candidates').click();
    await page.waitForURL('**/candidates');
    const row = page.locator(`[data-testid="candidate-row"][data-employee="${person.employeeNo}"]`).filter({ hasText: ruleName });
    await row.click();
    const detail = byTestId(page, 'candidate-detail');
    await detail.waitFor();
    expect(await byTestId(page, 'evidence-rule').innerText()).toContain(`${ruleName}（第 1 版）`);
    expect(await detail.locator('[data-testid="evidence-cycles"] tbody tr.ant-table-row').count()).toBe(2);
    await byTestId(page, 'evidence-chart').locator('canvas').waitFor();
    await shot(page, 'performance-4-candidate');
    await byTestId(page, 'candidate-dismiss').click();
    await byTestId(page, 'dismiss-submit').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '请填写排除原因' }).waitFor();
    await byTestId(page, 'dismiss-reason').fill('季节性波动，已与直属上级确认');
    await byTestId(page, 'dismiss-snooze').check();
    await byTestId(page, 'dismiss-submit').click();
    await page.locator('[data-testid="candidate-detail"][data-status="dismissed"]').waitFor();
    expect(await byTestId(page, 'candidate-dismiss-reason').innerText()).toBe('季节性波动，已与直属上级确认');

    // the performance file: the chart, and the candidacy for HR
    await byTestId(page, 'candidate-file-link').click();
    await page.waitForURL(`**/people/${personId}/performance`);
    await byTestId(page, 'performance-chart').locator('canvas').waitFor();
    await byTestId(page, 'performance-candidates').locator('[data-testid="candidate-status"][data-status="dismissed"]').waitFor();
    await shot(page, 'performance-5-file');
    await page.context().close();

    // their manager sees the candidacy on 预警名单, and reads it without HR's actions
    const boss = await signedIn(MANAGER, desktop);
    screenshotOnFailure(boss, 'performance-manager');
    await byTestId(boss, 'nav-candidates').click();
    await boss.waitForURL('**/candidates');
    expect(await byTestId(boss, 'candidates-rule').count()).toBe(0);
    await byTestId(boss, 'candidates-status').click();
    await option(boss, '已排除').click();
    await boss.locator(`[data-testid="candidate-row"][data-employee="${person.employeeNo}"]`).filter({ hasText: ruleName }).click();
    await boss.locator('[data-testid="candidate-detail"][data-status="dismissed"]').waitFor();
    expect(await byTestId(boss, 'candidate-assign').count()).toBe(0);
    expect(await byTestId(boss, 'nav-rules').count()).toBe(0);
    await boss.context().close();

    // the employee's own view: their results and chart, no candidacy, no 预警名单
    const self = await signedIn(EMPLOYEE, desktop);
    screenshotOnFailure(self, 'performance-own-view');
    await self.goto(`${env.server.url}/people/${personId}/performance`);
    await byTestId(self, 'performance-chart').locator('canvas').waitFor();
    await self.locator(`[data-testid="result-row"][data-cycle="${q2.code}"]`).waitFor();
    expect(await byTestId(self, 'performance-candidates').count()).toBe(0);
    expect(await byTestId(self, 'result-enter').count()).toBe(0);
    expect(await byTestId(self, 'nav-candidates').count()).toBe(0);
    await shot(self, 'performance-6-own-view');
    await self.goto(`${env.server.url}/candidates`);
    await byTestId(self, 'forbidden').waitFor();
    await self.context().close();
  });

  it('fits a 375 px phone: the candidate cards, the candidate drawer and the performance file never scroll sideways', async () => {
    const page = await signedIn(HR, phone);
    screenshotOnFailure(page, 'performance-phone');
    const http = api(page, env.server.url);
    // its own data, in a subsidiary of its own and in later quarters, so the other journey's runs do not matter
    const units = await tree(page);
    const subsidiaries = units.filter((u) => u.type === 'subsidiary' && u.active);
    const self = await signedIn(EMPLOYEE, desktop);
    const mine = (await api(self, env.server.url).get<{ user: { employeeId: string } }>('/api/auth/me')).user.employeeId;
    await self.context().close();
    const excluded = new Set((await http.get<Person>(`/api/people/${mine}`)).orgPath.map((u) => u.id));
    const sub = subsidiaries.find((s) => !excluded.has(s.id));
    if (!sub) throw new Error('the demo group needs a second subsidiary');
    const people = await http.get<{ items: Person[] }>(`/api/people?unitId=${sub.id}&status=active&limit=1`);
    const who = people.items[0];
    if (!who) throw new Error('nobody active in the second subsidiary');
    for (const q of quarters(2, 2, 'PH')) {
      const { id } = await http.post<{ id: string }>('/api/performance/cycles', { ...q, type: 'quarterly', ownerUnitId: sub.id });
      await http.put(`/api/performance/results/${who.id}/${id}`, { achievement: 61, grade: 'D', comment: '客户项目交付延期，需重点跟进改进计划的落实情况' });
      await http.post(`/api/performance/cycles/${id}/close`);
    }
    const rule = await http.post<{ id: string }>('/api/performance/rules', {
      ownerUnitId: sub.id,
      name: '手机端：连续两季度低于65%',
      params: { kind: 'consecutive_below', cycleType: 'quarterly', metric: 'achievement', threshold: 65, cycles: 2 },
      scope: { unitIds: [], positions: [], grades: [], minTenureDays: 0, excludeStatuses: ['probation', 'left'] },
    });
    await http.post(`/api/performance/rules/${rule.id}/enable`);

    await byTestId(page, 'nav-drawer-open').click();
    await byTestId(page, 'nav-candidates').click();
    await page.waitForURL('**/candidates');
    const card = page.locator(`[data-testid="candidate-row"][data-employee="${who.employeeNo}"]`).first();
    await card.waitFor();
    await byTestId(page, 'candidates-cards').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-performance-1-candidates');

    await card.click();
    await byTestId(page, 'evidence-chart').locator('canvas').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-performance-2-candidate');

    await page.goto(`${env.server.url}/people/${who.id}/performance`);
    await byTestId(page, 'performance-chart').locator('canvas').waitFor();
    await byTestId(page, 'results-list').waitFor();
    await byTestId(page, 'performance-candidates').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-performance-3-file');
    await page.context().close();
  });
});
