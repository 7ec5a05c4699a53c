import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { ADMIN, apiSignIn, byTestId, pageWidth, screenshotOnFailure, shot, shotsDir, signIn, serverAndBrowser, openSignedIn } from './support.ts';

type Unit = { id: string; parentId: string | null; code: string };

/** The option of the open antd select whose text starts with `label` (hidden dropdowns stay in the DOM). */
function option(page: Page, label: string) {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
}

const HR = { username: 'e2e.grouphr', password: 'E2e-Group-HR-2026' } as const;
const EMPLOYEE_PASSWORD = 'E2e-Employee-2026';
const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 860 } };

/**
 * Organisation and people. The data is made here, through the API, under a subsidiary of its
 * own, so nothing depends on the demo group beyond its root: group HR is a fresh account granted
 * group_hr by the admin; the employee-only account is provisioned for one of the new people.
 */
describe('organisation tree, people list, a person’s record and role grants', () => {
  const env = serverAndBrowser();
  const ids = { company: '', dept: '', hiring: '', manager: '', chen: '', lin: '' };
  let employeeUsername = '';

  beforeAll(async () => {

    const admin = await apiSignIn(env.server.url, ADMIN.username, ADMIN.password);
    const account = await admin.post<{ user: { id: string } }>('/api/admin/users', { username: HR.username, displayName: '集团HR测试', roles: [], password: HR.password });
    await admin.post('/api/access/grants', { userId: account.user.id, role: 'group_hr', unitId: null });

    const hr = await apiSignIn(env.server.url, HR.username, HR.password);
    const { items } = await hr.get<{ items: Unit[] }>('/api/org/tree');
    const root = items.find((u) => u.parentId === null);
    if (!root) throw new Error('the organisation has no root unit');
    const unit = async (body: Record<string, unknown>) => (await hr.post<{ id: string }>('/api/org/units', body)).id;
    ids.company = await unit({ code: 'E2E-CO', name: '测试科技有限公司', type: 'subsidiary', parentId: root.id, city: '杭州', legalName: '测试科技（杭州）有限公司', creditCode: '91330100MA2E2E0001' });
    ids.dept = await unit({ code: 'E2E-CO-RD', name: '测试研发部', type: 'department', parentId: ids.company });
    // hires made by a test go here, so the counts above stay what the other tests expect
    ids.hiring = await unit({ code: 'E2E-HIRE', name: '测试招聘部', type: 'department', parentId: root.id });
    const person = async (body: Record<string, unknown>) =>
      (await hr.post<{ id: string }>('/api/people', { gender: 'female', unitId: ids.dept, hireDate: '2024-03-01', status: 'active', ...body })).id;
    ids.manager = await person({ employeeNo: 'E2E0001', name: '周测经理', position: '研发经理', grade: 'M1', gender: 'male' });
    ids.chen = await person({ employeeNo: 'E2E0002', name: '陈测一', position: '软件工程师', grade: 'P5', managerId: ids.manager, mobile: '13800138000', contract: { employerId: ids.company, type: 'fixed_term', startDate: '2024-03-01', endDate: '2027-02-28' } });
    ids.lin = await person({ employeeNo: 'E2E0003', name: '林测二', position: '测试工程师', grade: 'P4', managerId: ids.manager, mobile: '13900139000' });

    // an account for 林测二 alone: no granted role, no reports; the one-time password is changed at once
    const provisioned = await hr.post<{ issued: { username: string; initialPassword: string }[] }>('/api/people/accounts', { employeeIds: [ids.lin] });
    const issued = provisioned.issued[0];
    if (!issued) throw new Error('no account was issued');
    employeeUsername = issued.username;
    const lin = await apiSignIn(env.server.url, issued.username, issued.initialPassword);
    await lin.post('/api/auth/password', { currentPassword: issued.initialPassword, newPassword: EMPLOYEE_PASSWORD });
  });

  async function signedIn(username: string, password: string, opts: BrowserContextOptions): Promise<Page> {
    return openSignedIn(env.browser, env.server.url, { username, password }, opts);
  }

  it('group HR finds a unit in the tree, opens its people and a record, and changes the grade', async () => {
    const page = await signedIn(HR.username, HR.password, desktop);
    screenshotOnFailure(page, 'org-people-hr');

    await byTestId(page, 'nav-org').click();
    await page.waitForURL('**/org');
    const rootCount = byTestId(page, 'org-headcount').first();
    await rootCount.waitFor();
    expect(Number(await rootCount.getAttribute('data-count'))).toBeGreaterThanOrEqual(3);

    await byTestId(page, 'org-search').fill('E2E-CO');
    const company = page.locator('[data-testid="org-node"][data-code="E2E-CO"]');
    await company.waitFor();
    expect(await company.locator('[data-testid="org-headcount"]').getAttribute('data-count')).toBe('3');
    expect(await company.innerText()).toContain('子公司');
    await shot(page, 'org-1-search');

    await company.click();
    const detail = byTestId(page, 'unit-detail');
    await detail.waitFor();
    expect(await byTestId(page, 'unit-headcount').innerText()).toContain('3');
    expect(await detail.innerText()).toContain('测试科技（杭州）有限公司');
    expect(await byTestId(page, 'unit-path').innerText()).toContain('测试科技有限公司');
    await byTestId(page, 'unit-actions').waitFor();
    await shot(page, 'org-2-unit');

    await byTestId(page, 'unit-people').click();
    await page.waitForURL(`**/people?unitId=${ids.company}`);
    const total = byTestId(page, 'people-total');
    await total.waitFor();
    expect(await total.getAttribute('data-total')).toBe('3');
    const table = byTestId(page, 'people-table');
    for (const name of ['周测经理', '陈测一', '林测二']) await table.getByRole('link', { name }).waitFor();
    await shot(page, 'people-1-list');

    await table.locator('tr', { hasText: 'E2E0002' }).click();
    await page.waitForURL(`**/people/${ids.chen}`);
    expect(await byTestId(page, 'person-name').innerText()).toBe('陈测一');
    expect(await byTestId(page, 'person-mobile').innerText()).toBe('13800138000');
    expect(await byTestId(page, 'person-masked').count()).toBe(0);
    expect(await byTestId(page, 'person-contracts').innerText()).toContain('测试科技有限公司');
    expect(await byTestId(page, 'person-manager').innerText()).toBe('周测经理');

    await byTestId(page, 'job-change').click();
    await byTestId(page, 'job-change-grade').fill('P6');
    await byTestId(page, 'job-change-reason').fill('年度晋升');
    await byTestId(page, 'job-change-submit').click();
    await page.locator('[data-testid="person-grade"]', { hasText: 'P6' }).waitFor();
    const latest = byTestId(page, 'history-entry').first();
    expect(await latest.innerText()).toContain('年度晋升');
    expect(await latest.locator('[data-testid="history-change"][data-field="grade"]').innerText()).toMatch(/职级\s*P5 → P6/);
    await shot(page, 'people-2-record');
    await page.context().close();
  });

  it('group HR adds a unit, deactivates it while empty, and is told why a unit with people cannot be', async () => {
    const page = await signedIn(HR.username, HR.password, desktop);
    screenshotOnFailure(page, 'org-write');
    await page.goto(`${env.server.url}/org?unit=${ids.company}`);
    await byTestId(page, 'unit-detail').waitFor();

    await byTestId(page, 'unit-create').click();
    await byTestId(page, 'unit-code').fill('bad code');
    await byTestId(page, 'unit-name').fill('测试质量部');
    await byTestId(page, 'unit-create-submit').click();
    await page.getByText('只能包含字母、数字、_ 和 -').waitFor();
    await byTestId(page, 'unit-code').fill('E2E-CO-QA');
    await byTestId(page, 'unit-create-submit').click();
    await byTestId(page, 'unit-title').filter({ hasText: '测试质量部' }).waitFor();
    await page.locator('[data-testid="org-node"][data-code="E2E-CO-QA"]').waitFor();

    await byTestId(page, 'unit-deactivate').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await page.locator('[data-testid="org-node"][data-code="E2E-CO-QA"]', { hasText: '已停用' }).waitFor();

    await page.locator('[data-testid="org-node"][data-code="E2E-CO-RD"]').click();
    await byTestId(page, 'unit-title').filter({ hasText: '测试研发部' }).waitFor();
    await byTestId(page, 'unit-deactivate').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await page.locator('.ant-message').getByText('不是空的').waitFor();
    await shot(page, 'org-3-not-empty');
    await page.context().close();
  });

  it('group HR hires a person through the form: the contract’s rules in the browser, the server’s on the fields', async () => {
    const page = await signedIn(HR.username, HR.password, desktop);
    screenshotOnFailure(page, 'people-create');
    await page.goto(`${env.server.url}/people?unitId=${ids.hiring}`);
    await byTestId(page, 'people-empty').waitFor();

    await byTestId(page, 'person-create').click();
    await byTestId(page, 'person-employee-no').fill('E2E0002');
    await byTestId(page, 'person-name').fill('吴测新');
    await byTestId(page, 'person-position').fill('测试工程师');
    await byTestId(page, 'person-grade').fill('P3');
    await byTestId(page, 'person-mobile').fill('12345');
    await byTestId(page, 'person-create-submit').click();
    await page.getByText('手机号应为 11 位数字').waitFor();

    await byTestId(page, 'person-mobile').fill('13700137000');
    await byTestId(page, 'person-create-submit').click();
    // the number is taken: only the server knows, and says so on the field
    await page.locator('.ant-form-item', { has: byTestId(page, 'person-employee-no') }).getByText('已存在').waitFor();
    await shot(page, 'people-3-create');

    await byTestId(page, 'person-employee-no').fill('E2E0009');
    await byTestId(page, 'person-create-submit').click();
    await page.waitForURL((url) => /\/people\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.locator('[data-testid="person-name"]', { hasText: '吴测新' }).waitFor();
    expect(await byTestId(page, 'person-unit-path').innerText()).toContain('测试招聘部');
    expect(await byTestId(page, 'history-entry').first().innerText()).toContain('入职');
    await page.context().close();
  });

  it('an employee without roles sees only their own record, read-only, and the tree without head counts', async () => {
    const page = await signedIn(employeeUsername, EMPLOYEE_PASSWORD, phone);
    screenshotOnFailure(page, 'org-people-employee');

    await byTestId(page, 'nav-drawer-open').click();
    expect(await byTestId(page, 'nav-people').innerText()).toBe('我的档案');
    expect(await byTestId(page, 'nav-admin-grants').count()).toBe(0);
    await byTestId(page, 'nav-people').click();
    await page.waitForURL(`**/people/${ids.lin}`);
    expect(await byTestId(page, 'person-name').innerText()).toBe('林测二');
    await byTestId(page, 'person-masked').waitFor();
    expect(await byTestId(page, 'person-mobile').innerText()).not.toContain('13900139000');
    expect(await byTestId(page, 'job-change').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-people-own-record');

    // the list is their own record, and a colleague's record is not there for them
    await page.goto(`${env.server.url}/people`);
    await page.waitForURL(`**/people/${ids.lin}`);
    await page.goto(`${env.server.url}/people/${ids.chen}`);
    await byTestId(page, 'person-not-found').waitFor();

    await page.goto(`${env.server.url}/org`);
    await page.locator('[data-testid="org-node"]').first().waitFor();
    expect(await byTestId(page, 'org-headcount').count()).toBe(0);
    await byTestId(page, 'org-search').fill('E2E-CO');
    await page.locator('[data-testid="org-node"][data-code="E2E-CO"]').click();
    await byTestId(page, 'unit-detail').waitFor();
    expect(await byTestId(page, 'unit-actions').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.context().close();
  });

  it('fits a 375 px phone: /org, a unit, /people, a record and /admin/grants never scroll sideways', async () => {
    const page = await signedIn(HR.username, HR.password, phone);
    screenshotOnFailure(page, 'org-people-phone');

    await page.goto(`${env.server.url}/org`);
    await page.locator('[data-testid="org-node"]').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-org-1-tree');

    await byTestId(page, 'org-search').fill('测试研发部');
    await page.locator('[data-testid="org-node"][data-code="E2E-CO-RD"]').click();
    await byTestId(page, 'unit-detail').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-org-2-unit');

    await byTestId(page, 'unit-people').click();
    await page.waitForURL(`**/people?unitId=${ids.dept}`);
    await byTestId(page, 'person-card').first().waitFor();
    expect(await byTestId(page, 'person-card').count()).toBe(3);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-people-1-list');

    await byTestId(page, 'person-card').filter({ hasText: 'E2E0001' }).click();
    await page.waitForURL(`**/people/${ids.manager}`);
    await byTestId(page, 'person-history').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-people-2-record');

    await byTestId(page, 'nav-drawer-open').click();
    await byTestId(page, 'nav-admin-grants').click();
    await page.waitForURL('**/admin/grants');
    await byTestId(page, 'grant-card').first().waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-grants');
    await page.context().close();
  });

  it('group HR opens an account for a person on a phone, and the person signs in with the one-time password', async () => {
    const page = await signedIn(HR.username, HR.password, phone);
    screenshotOnFailure(page, 'people-provision');
    await page.goto(`${env.server.url}/people/${ids.manager}`);
    const section = byTestId(page, 'person-account');
    await section.waitFor();
    expect(await section.innerText()).toContain('尚未开通');
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-people-3-account');

    await byTestId(page, 'account-provision').click();
    const shown = byTestId(page, 'initial-password');
    await shown.waitFor();
    const initialPassword = (await shown.innerText()).trim();
    const username = (await byTestId(page, 'issued-username').innerText()).trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(10);
    expect(username.length).toBeGreaterThan(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    // the dialog is fixed to the viewport: a full-page picture would miss it
    await page.screenshot({ path: path.join(shotsDir, 'phone-people-4-initial-password.png') });
    await page.getByRole('button', { name: '我已记下' }).click();
    await shown.waitFor({ state: 'hidden' });
    // the section now shows the account, with a reset instead of the provisioning button
    expect(await byTestId(page, 'account-username').innerText()).toBe(username);
    await byTestId(page, 'account-reset').waitFor();
    expect(await byTestId(page, 'account-provision').count()).toBe(0);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-people-5-account');
    await page.context().close();

    const user = await (await env.browser.newContext({ locale: 'zh-CN', ...phone })).newPage();
    screenshotOnFailure(user, 'people-provision-user');
    await user.goto(`${env.server.url}/login`);
    await signIn(user, username, initialPassword);
    await user.waitForURL('**/account');
    await byTestId(user, 'must-change-password').waitFor();
    await byTestId(user, 'current-password').fill(initialPassword);
    await byTestId(user, 'new-password').fill('E2e-Manager-2026');
    await byTestId(user, 'confirm-password').fill('E2e-Manager-2026');
    await byTestId(user, 'change-password-submit').click();
    await byTestId(user, 'must-change-password').waitFor({ state: 'detached' });
    await user.goto(`${env.server.url}/people/${ids.manager}`);
    await byTestId(user, 'person-name').waitFor();
    expect(await byTestId(user, 'person-name').innerText()).toBe('周测经理');
    await user.context().close();
  });

  it('the admin grants a role to an account and revokes it again', async () => {
    const admin = await apiSignIn(env.server.url, ADMIN.username, ADMIN.password);
    const username = `e2e.auditor.${Date.now()}`;
    await admin.post('/api/admin/users', { username, displayName: '审计测试', roles: [], password: 'E2e-Auditor-2026' });

    const page = await signedIn(ADMIN.username, ADMIN.password, desktop);
    screenshotOnFailure(page, 'grants');
    await byTestId(page, 'nav-admin-grants').click();
    await page.waitForURL('**/admin/grants');
    await byTestId(page, 'grants-table').waitFor();

    await byTestId(page, 'grant-user').click();
    await page.keyboard.type(username);
    await option(page, username).click();
    await byTestId(page, 'grant-role').click();
    await option(page, 'HR 负责人').click();
    await byTestId(page, 'grant-submit').click();
    // an HR head needs a unit: the form says so before asking the server
    await page.getByText('请选择组织范围').waitFor();

    await byTestId(page, 'grant-role').click();
    await option(page, '审计').click();
    await byTestId(page, 'grant-submit').click();
    const row = byTestId(page, 'grants-table').locator('tr', { hasText: username });
    await row.getByText('全集团').waitFor();
    await shot(page, 'grants-1-added');

    await byTestId(page, `grant-revoke-${username}-auditor`).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
    await row.waitFor({ state: 'detached' });
    await page.context().close();
  });
});
