import { addYears, createRng, dayIso, GIVEN_FEMALE, GIVEN_MALE, SURNAMES } from '../../apps/server/src/seed/demo-data.ts';

/** The CSV's columns: the import's Chinese headers, and the COPY baseline's table columns. */
export const CSV_COLUMNS = [
  ['工号', 'employee_no text'],
  ['姓名', 'name text'],
  ['性别', 'gender text'],
  ['出生日期', 'birth_date date'],
  ['部门编码', 'unit_code text'],
  ['岗位', 'position text'],
  ['职级', 'grade text'],
  ['直属上级工号', 'manager_no text'],
  ['入职日期', 'hire_date date'],
  ['员工状态', 'status text'],
  ['邮箱', 'email text'],
  ['手机号', 'mobile text'],
  ['身份证号', 'national_id text'],
  ['合同类型', 'contract_type text'],
  ['合同开始日期', 'contract_start date'],
  ['合同结束日期', 'contract_end date'],
] as const;

const POSITIONS = ['软件工程师', '销售代表', '操作工', '质检员', '店员', '客服专员', '会计', '采购专员', '仓库管理员', '人事专员'];
// birthplaces the demo group does not use, and a mobile prefix it does not draw: no clashes with seeded people
const AREAS = ['110101', '310101', '320506', '330102', '440103', '510105', '420111', '610104'];
const MOBILE_PREFIX = '166';
const DAY = 86_400_000;
const TODAY = Math.floor(Date.UTC(2026, 0, 5) / DAY);

/**
 * `count` new employees for the import bench, deterministic: employee numbers BX000001…, Chinese
 * names, units drawn from `unitCodes`, each person's manager an earlier row of the file (a tree
 * ten wide), valid dates, unique 11-digit mobiles and 18-character national ids with their check digit.
 */
export function employeesCsv(count: number, unitCodes: readonly string[]): Buffer {
  if (unitCodes.length === 0) throw new Error('employeesCsv needs at least one unit code');
  const rng = createRng(20_260_104);
  const no = (i: number) => `BX${String(i + 1).padStart(6, '0')}`;
  const lines: string[] = [CSV_COLUMNS.map(([header]) => header).join(',')];
  const takenIds = new Set<string>();
  for (let i = 0; i < count; i++) {
    const male = rng.chance(0.55);
    const surname = SURNAMES[Math.floor(rng.next() ** 2 * SURNAMES.length)]!;
    const own = male ? GIVEN_MALE : GIVEN_FEMALE;
    const name = surname + rng.pick(own) + (rng.chance(0.7) ? rng.pick(own) : '');
    const hire = TODAY - rng.int(30, 12 * 365);
    const birth = hire - rng.int(21 * 365, 45 * 365);
    // the current contract: a third term is open-ended (劳动合同法 §14)
    let start = hire;
    let term = 0;
    while (term < 2 && addYears(start, 3) <= TODAY) [start, term] = [addYears(start, 3), term + 1];
    const contract = term === 2 ? ['无固定期限', dayIso(start), ''] : ['固定期限', dayIso(start), dayIso(addYears(start, 3) - 1)];
    // a bijection of i onto 8 digits keeps mobiles unique without a lookup
    const mobile = MOBILE_PREFIX + String((i * 48_271 + 12_345) % 100_000_000).padStart(8, '0');
    const drawId = () => {
      const body = `${rng.pick(AREAS)}${dayIso(birth).replaceAll('-', '')}${String(rng.int(0, 99)).padStart(2, '0')}${rng.int(0, 4) * 2 + (male ? 1 : 0)}`;
      const sum = [...body].reduce((n, ch, k) => n + Number(ch) * (2 ** (17 - k) % 11), 0);
      return body + '10X98765432'[sum % 11]!;
    };
    let nationalId = drawId();
    while (takenIds.has(nationalId)) nationalId = drawId();
    takenIds.add(nationalId);
    lines.push(
      [
        no(i),
        name,
        male ? '男' : '女',
        dayIso(birth),
        rng.pick(unitCodes),
        rng.pick(POSITIONS),
        `P${rng.int(1, 7)}`,
        i === 0 ? '' : no(Math.floor((i - 1) / 10)),
        dayIso(hire),
        TODAY - hire < 180 ? '试用' : '在职',
        `${no(i).toLowerCase()}@example.cn`,
        mobile,
        nationalId,
        ...contract,
      ].join(','),
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}
