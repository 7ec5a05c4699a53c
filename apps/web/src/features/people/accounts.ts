/** An account issued to a person (POST /api/people/accounts, …/account/reset). */
export type IssuedAccount = { employeeId: string; employeeNo: string; name: string; username: string; initialPassword: string };
export type ProvisionResult = { issued: IssuedAccount[]; skipped: { employeeId: string; reason: string }[] };

/** The most people one provisioning request may name. */
export const MAX_PROVISION = 500;

/** Tab-separated lines (工号, 姓名, 用户名, 一次性密码) for pasting into a spreadsheet; no header. */
export function issuedLines(issued: readonly IssuedAccount[]): string {
  return issued.map((a) => [a.employeeNo, a.name, a.username, a.initialPassword].map((v) => v.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n');
}

/** The skipped people with a name to show: the known name, else the id itself. */
export function namedSkips(skipped: ProvisionResult['skipped'], names: ReadonlyMap<string, string>): { employeeId: string; name: string; reason: string }[] {
  return skipped.map((s) => ({ ...s, name: names.get(s.employeeId) ?? s.employeeId }));
}
