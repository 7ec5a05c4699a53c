import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { BrowserContextOptions, Download, Page } from 'playwright-core';
import { byTestId, pageWidth, screenshotOnFailure, shot, serverAndBrowser, openSignedIn } from './support.ts';

type Unit = { id: string; code: string; type: string; active: boolean };

/** The demo group's HR director (group_hr, whole group). */
const HR = { username: 'hr', password: 'Uplift#2026' } as const;
const phone: BrowserContextOptions = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 860 } };

/** The option of the open antd select whose text starts with `label` (hidden dropdowns stay in the DOM). */
function option(page: Page, label: string) {
  return page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
}

/** The bytes of a finished download; an .xlsx is a zip, which starts with "PK". */
async function downloaded(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFile(file);
}

function csv(rows: string[][]): Buffer {
  return Buffer.from(rows.map((r) => r.join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** Until no table is dimmed by its loading state (a picture taken then shows washed-out rows). */
async function settled(page: Page): Promise<void> {
  await page.locator('.ant-spin-blur').waitFor({ state: 'detached' });
}

async function confirmPopover(page: Page): Promise<void> {
  await page.locator('.ant-popconfirm:not(.ant-popover-hidden)').getByRole('button', { name: '确定' }).click();
}

/**
 * Importing employees as group HR, in Chinese: the template, a file with two bad rows (errors
 * table, error file, discard), the corrected file with a header the import does not know (the
 * mapping step), the preview, the merge, the new person in /people, the rollback; then the same
 * file again (mapping remembered for its source) and a third time (already imported: warned).
 */
describe('data import of employees', () => {
  const env = serverAndBrowser();

  async function signedIn(opts: BrowserContextOptions): Promise<Page> {
    return openSignedIn(env.browser, env.server.url, { username: HR.username, password: HR.password }, { acceptDownloads: true, ...opts });
  }

  /** Two active departments of the demo group, found the way a person would: in the org tree. */
  async function departments(page: Page): Promise<[string, string]> {
    const res = await page.request.get(`${env.server.url}/api/org/tree`);
    expect(res.ok()).toBe(true);
    const { items } = (await res.json()) as { items: Unit[] };
    const codes = items.filter((u) => u.type === 'department' && u.active).map((u) => u.code);
    const [a, b] = codes;
    if (!a || !b) throw new Error('the demo group has fewer than two departments');
    return [a, b];
  }

  /**
   * Picks an import type and waits until the upload panel has rendered with it: the address
   * changes before React renders the navigation (a transition), and a file dropped in between
   * would go out as the type before.
   */
  async function chooseType(page: Page, type: string): Promise<void> {
    await byTestId(page, `import-type-${type}`).click();
    await page.locator(`[data-testid="import-upload"][data-type="${type}"]`).waitFor();
  }

  async function upload(page: Page, name: string, body: Buffer): Promise<void> {
    await page.locator('[data-testid="import-dropzone"] input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: body });
  }

  it('group HR downloads the template, fixes a file with errors, maps a header, merges and rolls back', async () => {
    const page = await signedIn(desktop);
    screenshotOnFailure(page, 'imports-journey');
    const [deptA, deptB] = await departments(page);

    await byTestId(page, 'nav-imports').click();
    await page.waitForURL('**/imports');
    await chooseType(page, 'employees');

    const [template] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'import-template-zh-CN').click()]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await downloaded(template)).subarray(0, 2).toString('latin1')).toBe('PK');
    await shot(page, 'imports-1-upload');

    // one good row, one with a unit code nobody has, one with a date that does not exist
    const header = ['工号', '姓名', '性别', '部门编码', '岗位', '职级', '入职日期'];
    await upload(
      page,
      '员工导入-有错误.csv',
      csv([header, ['IMP0001', '导入测一', '男', deptA, '销售代表', 'P3', '2024-03-01'], ['IMP0002', '导入测二', '女', 'NO-SUCH-UNIT', '会计', 'P4', '2024/3/1'], ['IMP0003', '导入测三', '女', deptB, '会计', 'P4', '2024-13-45']]),
    );
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="import-batch"][data-status="invalid"]').waitFor();
    expect(await byTestId(page, 'import-count-errorRows').getAttribute('data-count')).toBe('2');
    await byTestId(page, 'import-errors-table').locator('tbody tr', { hasText: 'NO-SUCH-UNIT' }).waitFor();
    expect(await byTestId(page, 'import-errors-table').locator('tbody tr', { hasText: '2024-13-45' }).count()).toBe(1);
    expect(await byTestId(page, 'import-panel-invalid').innerText()).toContain('修改后重新上传整个文件');
    await settled(page);
    await shot(page, 'imports-2-errors');

    const [errorFile] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'import-error-file').click()]);
    expect(errorFile.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await downloaded(errorFile)).subarray(0, 2).toString('latin1')).toBe('PK');

    await byTestId(page, 'import-discard').click();
    await confirmPopover(page);
    await page.locator('[data-testid="import-batch"][data-status="discarded"]').waitFor();

    // the corrected file comes from another system, whose employee number header is unknown
    await byTestId(page, 'import-reupload').click();
    await page.waitForURL('**/imports?type=employees');
    await page.locator('[data-testid="import-upload"][data-type="employees"]').waitFor();
    await byTestId(page, 'import-source').fill('北森导出');
    const fixedHeader = ['人员代码', '姓名', '性别', '部门编码', '岗位', '职级', '入职日期'];
    const fixed = csv([fixedHeader, ['IMP0001', '导入测一', '男', deptA, '销售代表', 'P3', '2024-03-01'], ['IMP0002', '导入测二', '女', deptB, '会计', 'P4', '2024/3/1']]);
    await upload(page, '员工导入-已修改.csv', fixed);
    await byTestId(page, 'import-mapping').waitFor();
    expect(await byTestId(page, 'import-mapping-missing').innerText()).toContain('工号');
    await shot(page, 'imports-3-mapping');
    await byTestId(page, 'import-mapping-employee_no').click();
    await option(page, '人员代码').click();
    await byTestId(page, 'import-mapping-submit').click();

    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="import-batch"][data-status="ready"]').waitFor();
    expect(await byTestId(page, 'import-count-create').getAttribute('data-count')).toBe('2');
    expect(await byTestId(page, 'import-meta').innerText()).toContain('北森导出');
    await shot(page, 'imports-4-preview');

    await byTestId(page, 'import-merge').click();
    await confirmPopover(page);
    await page.locator('[data-testid="import-batch"][data-status="merged"]').waitFor();
    expect(await byTestId(page, 'import-count-create').getAttribute('data-count')).toBe('2');
    await byTestId(page, 'import-duration').waitFor();
    await shot(page, 'imports-5-merged');
    const batchUrl = page.url();

    await page.goto(`${env.server.url}/people?q=IMP0001`);
    await byTestId(page, 'people-table').getByRole('link', { name: '导入测一' }).waitFor();
    expect(await byTestId(page, 'people-total').getAttribute('data-total')).toBe('1');

    await page.goto(batchUrl);
    await byTestId(page, 'import-rollback').click();
    await confirmPopover(page);
    await page.locator('[data-testid="import-batch"][data-status="rolled_back"]').waitFor();
    expect(await byTestId(page, 'import-panel-rolled_back').innerText()).toContain('导入前');
    await shot(page, 'imports-6-rolled-back');

    await page.goto(`${env.server.url}/people?q=IMP0001`);
    await byTestId(page, 'people-empty').waitFor();

    // the same file again: the source is prefilled and its mapping remembered, so no mapping step
    await page.goto(`${env.server.url}/imports?type=employees`);
    expect(await byTestId(page, 'import-source').inputValue()).toBe('北森导出');
    await upload(page, '员工导入-已修改.csv', fixed);
    await page.locator('[data-testid="import-batch"][data-status="ready"]').waitFor();
    expect(await byTestId(page, 'import-count-create').getAttribute('data-count')).toBe('2');
    await byTestId(page, 'import-merge').click();
    await confirmPopover(page);
    await page.locator('[data-testid="import-batch"][data-status="merged"]').waitFor();

    // and once more: nothing would change, and the page says this file was imported before
    await page.goto(`${env.server.url}/imports?type=employees`);
    await upload(page, '员工导入-已修改.csv', fixed);
    await page.locator('[data-testid="import-batch"][data-status="ready"]').waitFor();
    await byTestId(page, 'import-same-file').waitFor();
    expect(await byTestId(page, 'import-count-unchanged').getAttribute('data-count')).toBe('2');
    await byTestId(page, 'import-discard').click();
    await confirmPopover(page);
    await page.locator('[data-testid="import-batch"][data-status="discarded"]').waitFor();

    // the history lists every attempt, newest first
    await page.goto(`${env.server.url}/imports`);
    const rows = byTestId(page, 'import-history-table').locator('tbody tr');
    await rows.first().waitFor();
    const history = await Promise.all((await rows.all()).slice(0, 4).map((r) => r.innerText()));
    expect(history.map((h) => ['已放弃', '已导入', '已回滚', '已放弃'].findIndex((s) => h.includes(s)))).toEqual([0, 1, 2, 0]);
    expect(history[2]).toContain('员工导入-已修改.csv');
    expect(history[3]).toContain('员工导入-有错误.csv');
    await page.context().close();
  });

  it('fits a 375 px phone: the upload panel, a batch with errors and the history cards never scroll sideways', async () => {
    const page = await signedIn(phone);
    screenshotOnFailure(page, 'imports-phone');
    await byTestId(page, 'nav-drawer-open').click();
    await byTestId(page, 'nav-imports').click();
    await page.waitForURL('**/imports');
    await byTestId(page, 'import-dropzone').waitFor();
    await byTestId(page, 'import-history').waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-imports-1-upload');

    await chooseType(page, 'employees');
    await upload(page, '手机上传的员工名单.csv', csv([['工号', '姓名', '性别', '部门编码', '岗位', '职级', '入职日期'], ['IMP0101', '手机测', '男', 'NO-SUCH-UNIT', '销售代表', 'P3', '2024-03-01']]));
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="import-batch"][data-status="invalid"]').waitFor();
    await byTestId(page, 'import-errors-table').locator('tbody tr', { hasText: 'NO-SUCH-UNIT' }).waitFor();
    await settled(page);
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-imports-2-errors');

    await byTestId(page, 'import-back').click();
    await page.waitForURL('**/imports');
    await byTestId(page, 'import-history-item').filter({ hasText: '手机上传的员工名单.csv' }).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await shot(page, 'phone-imports-3-history');
    await page.context().close();
  });
});
