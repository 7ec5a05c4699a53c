/**
 * The static tables behind the 星河集团 demo group (unit layout, positions per kind of
 * department, name pools) and the seeded generators of single values (names, ids, dates).
 * Pure; demo-group.ts assembles them into rows.
 */

export type DeptKind =
  | 'hr'
  | 'finance'
  | 'strategy'
  | 'audit'
  | 'legal'
  | 'office'
  | 'engineering'
  | 'product'
  | 'sales'
  | 'delivery'
  | 'production'
  | 'quality'
  | 'equipment'
  | 'process'
  | 'purchasing'
  | 'store'
  | 'merchandising'
  | 'ecommerce'
  | 'service'
  | 'marketing'
  | 'warehouse'
  | 'transport'
  | 'fleet';

/** [name, English name] */
export type Names = readonly [string, string];

export type DeptSpec = { code: string; names: Names; kind: DeptKind; teams: readonly Names[] };
export type BusinessUnitSpec = { code: string; names: Names; departments: readonly DeptSpec[] };
export type SubsidiarySpec = {
  code: string;
  names: Names;
  legalName: string;
  /** the first 17 characters of the 统一社会信用代码; the check character is computed */
  creditBase: string;
  unionContact: string;
  region: string;
  city: string;
  /** the 6-digit administrative code, used for locally born employees' national ids */
  areaCode: string;
  functions: readonly DeptSpec[];
  businessUnits: readonly BusinessUnitSpec[];
};

export type KindSpec = {
  /** professional positions; the first is the most common */
  staff: readonly string[];
  head: string;
  lead: string;
  /** relative head count of a leaf unit of this kind */
  weight: number;
  /** front-line roles whose grade stays low (P1–P4) */
  frontLine?: boolean;
};

export const KINDS: Record<DeptKind, KindSpec> = {
  hr: { staff: ['人事专员', 'HRBP', '招聘专员', '薪酬福利专员', '培训专员', '员工关系专员'], head: '人力资源总监', lead: '人力资源主管', weight: 1 },
  finance: { staff: ['财务专员', '会计', '出纳', '财务分析师', '税务专员'], head: '财务总监', lead: '财务主管', weight: 1 },
  strategy: { staff: ['战略分析师', '投资经理', '战略专员'], head: '战略发展总监', lead: '战略主管', weight: 0.8 },
  audit: { staff: ['审计专员', '内审经理', '合规专员'], head: '审计总监', lead: '审计主管', weight: 0.8 },
  legal: { staff: ['法务专员', '法务经理', '合同管理专员'], head: '法务总监', lead: '法务主管', weight: 0.7 },
  office: { staff: ['行政专员', '总裁助理', '秘书'], head: '总裁办主任', lead: '行政主管', weight: 0.7 },
  engineering: { staff: ['软件工程师', '高级软件工程师', '前端工程师', '测试工程师', '运维工程师', '架构师'], head: '研发总监', lead: '技术组长', weight: 2 },
  product: { staff: ['产品经理', '交互设计师', 'UI设计师', '数据分析师'], head: '产品总监', lead: '产品组长', weight: 1.2 },
  sales: { staff: ['销售代表', '客户经理', '大客户经理', '销售助理'], head: '销售总监', lead: '销售主管', weight: 1.5 },
  delivery: { staff: ['实施顾问', '项目经理', '客户成功经理'], head: '交付总监', lead: '交付主管', weight: 1.2 },
  production: { staff: ['操作工', '装配技工', '生产计划员', '物料员'], head: '生产经理', lead: '生产主管', weight: 3.5, frontLine: true },
  quality: { staff: ['质检员', '质量工程师'], head: '质量经理', lead: '质量主管', weight: 1.3 },
  equipment: { staff: ['设备维修工', '设备工程师'], head: '设备经理', lead: '设备主管', weight: 1.2, frontLine: true },
  process: { staff: ['工艺工程师', '工艺技术员'], head: '工艺经理', lead: '工艺主管', weight: 1 },
  purchasing: { staff: ['采购专员', '采购工程师', '供应商管理专员'], head: '采购经理', lead: '采购主管', weight: 1 },
  store: { staff: ['店员', '导购', '收银员', '店长助理'], head: '门店运营经理', lead: '店长', weight: 3, frontLine: true },
  merchandising: { staff: ['商品专员', '买手', '陈列师'], head: '商品经理', lead: '商品主管', weight: 1 },
  ecommerce: { staff: ['电商运营专员', '内容运营', '直播运营'], head: '电商运营总监', lead: '运营主管', weight: 1.3 },
  service: { staff: ['客服专员', '客服质检专员'], head: '客服经理', lead: '客服主管', weight: 2, frontLine: true },
  marketing: { staff: ['市场专员', '品牌经理', '新媒体运营'], head: '市场总监', lead: '市场主管', weight: 1 },
  warehouse: { staff: ['仓管员', '拣货员', '叉车司机', '库存分析专员'], head: '仓储经理', lead: '仓储主管', weight: 3, frontLine: true },
  transport: { staff: ['调度员', '货车司机', '运输专员'], head: '运输经理', lead: '调度主管', weight: 2.5, frontLine: true },
  fleet: { staff: ['车队管理员', '车辆安全员', '货车司机'], head: '车队经理', lead: '车队主管', weight: 1.5, frontLine: true },
};

export const GROUP = {
  code: 'XH',
  names: ['星河集团', 'Xinghe Group'] as Names,
  legalName: '星河集团有限公司',
  creditBase: '91310000MA1XH0001',
  unionContact: '集团工会办公室 021-6088 1200',
  region: '华东',
  city: '上海',
  areaCode: '310104',
};

const dept = (code: string, name: string, nameEn: string, kind: DeptKind, teams: readonly Names[] = []): DeptSpec => ({ code, names: [name, nameEn], kind, teams });

/** 集团总部: functions directly under the group; their staff are employed by the group itself. */
export const HQ_DEPARTMENTS: readonly DeptSpec[] = [
  dept('HR', '集团人力资源部', 'Group Human Resources', 'hr', [
    ['薪酬福利组', 'Compensation & Benefits'],
    ['招聘配置组', 'Talent Acquisition'],
    ['组织发展组', 'Organisation Development'],
  ]),
  dept('FIN', '集团财务部', 'Group Finance', 'finance', [
    ['会计核算组', 'Accounting'],
    ['资金管理组', 'Treasury'],
  ]),
  dept('STR', '集团战略发展部', 'Group Strategy', 'strategy'),
  dept('AUD', '集团审计部', 'Group Internal Audit', 'audit'),
  dept('LGL', '集团法务部', 'Group Legal', 'legal'),
  dept('CEO', '总裁办公室', "CEO's Office", 'office'),
];

const functions = (hrEn: string): readonly DeptSpec[] => [dept('HR', '人力资源部', `${hrEn} Human Resources`, 'hr'), dept('FIN', '财务部', `${hrEn} Finance`, 'finance')];

export const SUBSIDIARIES: readonly SubsidiarySpec[] = [
  {
    code: 'TECH',
    names: ['星河科技（上海）', 'Xinghe Technology (Shanghai)'],
    legalName: '星河科技（上海）有限公司',
    creditBase: '91310115MA1K3XH02',
    unionContact: '工会委员会 021-5080 3366',
    region: '华东',
    city: '上海',
    areaCode: '310115',
    functions: functions('Technology'),
    businessUnits: [
      {
        code: 'CLD',
        names: ['云服务事业部', 'Cloud Services BU'],
        departments: [
          dept('RD', '云平台研发部', 'Cloud Platform R&D', 'engineering', [
            ['平台组', 'Platform'],
            ['后端组', 'Backend'],
            ['前端组', 'Frontend'],
          ]),
          dept('PM', '产品部', 'Product', 'product', [
            ['产品设计组', 'Product Design'],
            ['用户体验组', 'User Experience'],
          ]),
          dept('SAL', '销售部', 'Sales', 'sales', [
            ['华东销售组', 'East China Sales'],
            ['华北销售组', 'North China Sales'],
          ]),
        ],
      },
      {
        code: 'ENT',
        names: ['企业软件事业部', 'Enterprise Software BU'],
        departments: [
          dept('RD', '应用研发部', 'Application R&D', 'engineering', [
            ['应用开发组', 'Application Development'],
            ['测试组', 'Quality Assurance'],
          ]),
          dept('DLV', '实施交付部', 'Delivery', 'delivery', [
            ['项目实施组', 'Implementation'],
            ['客户成功组', 'Customer Success'],
          ]),
        ],
      },
      {
        code: 'DAT',
        names: ['数据智能事业部', 'Data Intelligence BU'],
        departments: [dept('RD', '数据研发部', 'Data R&D', 'engineering', [['数据平台组', 'Data Platform'], ['算法组', 'Algorithms']]), dept('MKT', '市场部', 'Marketing', 'marketing')],
      },
    ],
  },
  {
    code: 'MFG',
    names: ['星河制造（深圳）', 'Xinghe Manufacturing (Shenzhen)'],
    legalName: '星河制造（深圳）有限公司',
    creditBase: '91440300MA5FXH003',
    unionContact: '工会委员会 0755-2661 8800',
    region: '华南',
    city: '深圳',
    areaCode: '440306',
    functions: functions('Manufacturing'),
    businessUnits: [
      {
        code: 'PRC',
        names: ['精密制造事业部', 'Precision Manufacturing BU'],
        departments: [
          dept('PRD', '生产部', 'Production', 'production', [
            ['冲压组', 'Stamping'],
            ['装配组', 'Assembly'],
            ['包装组', 'Packaging'],
          ]),
          dept('QA', '质量部', 'Quality', 'quality', [
            ['来料检验组', 'Incoming Inspection'],
            ['过程质量组', 'Process Quality'],
          ]),
          dept('EQP', '设备部', 'Equipment', 'equipment'),
        ],
      },
      {
        code: 'NEV',
        names: ['新能源事业部', 'New Energy BU'],
        departments: [
          dept('PRD', '电池生产部', 'Battery Production', 'production', [
            ['电芯组', 'Cells'],
            ['模组组', 'Modules'],
          ]),
          dept('TEC', '工艺部', 'Process Engineering', 'process'),
          dept('PUR', '采购部', 'Purchasing', 'purchasing'),
        ],
      },
    ],
  },
  {
    code: 'RTL',
    names: ['星河零售（成都）', 'Xinghe Retail (Chengdu)'],
    legalName: '星河零售（成都）有限公司',
    creditBase: '91510100MA6CXH004',
    unionContact: '工会委员会 028-8666 2200',
    region: '西南',
    city: '成都',
    areaCode: '510104',
    functions: functions('Retail'),
    businessUnits: [
      {
        code: 'STO',
        names: ['门店运营事业部', 'Store Operations BU'],
        departments: [
          dept('OPS', '门店运营部', 'Store Operations', 'store', [
            ['春熙路店', 'Chunxi Road Store'],
            ['太古里店', 'Taikoo Li Store'],
            ['天府广场店', 'Tianfu Square Store'],
          ]),
          dept('MER', '商品部', 'Merchandising', 'merchandising'),
        ],
      },
      {
        code: 'ECM',
        names: ['电商事业部', 'E-commerce BU'],
        departments: [
          dept('OPS', '电商运营部', 'E-commerce Operations', 'ecommerce', [
            ['平台运营组', 'Marketplace Operations'],
            ['直播组', 'Live Streaming'],
          ]),
          dept('CS', '客户服务部', 'Customer Service', 'service', [
            ['客服一组', 'Service Team 1'],
            ['客服二组', 'Service Team 2'],
          ]),
          dept('MKT', '市场部', 'Marketing', 'marketing'),
        ],
      },
    ],
  },
  {
    code: 'LOG',
    names: ['星河物流（武汉）', 'Xinghe Logistics (Wuhan)'],
    legalName: '星河物流（武汉）有限公司',
    creditBase: '91420100MA4KXH005',
    unionContact: '工会委员会 027-8777 5500',
    region: '华中',
    city: '武汉',
    areaCode: '420106',
    functions: functions('Logistics'),
    businessUnits: [
      {
        code: 'WHS',
        names: ['仓储事业部', 'Warehousing BU'],
        departments: [
          dept('WH', '仓储部', 'Warehousing', 'warehouse', [
            ['入库组', 'Inbound'],
            ['出库组', 'Outbound'],
            ['库存管理组', 'Inventory Control'],
          ]),
          dept('QA', '质量安全部', 'Quality & Safety', 'quality'),
        ],
      },
      {
        code: 'TRN',
        names: ['运输事业部', 'Transport BU'],
        departments: [
          dept('DSP', '运输调度部', 'Dispatch', 'transport', [
            ['干线调度组', 'Line-haul Dispatch'],
            ['城配调度组', 'City Delivery Dispatch'],
          ]),
          dept('FLT', '车队管理部', 'Fleet Management', 'fleet'),
          dept('SAL', '客户发展部', 'Business Development', 'sales'),
        ],
      },
    ],
  },
];

/** Common surnames, most frequent first (drawn with a bias towards the front). */
export const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];

export const GIVEN_MALE = [...'伟强磊军洋勇杰涛明超辉刚健斌鹏飞宇浩凯俊峰波亮龙晨哲轩昊然博文志远建国平海成华宁东阳毅诚睿嘉铭泽'];
export const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞秀玲婷雪慧晶颖琳倩欣悦怡佳蕾瑶璐雯洁萍红梅丹莉燕菲思涵梦诗雨彤可馨'];
/** characters common in both genders' names, used as a second character */
export const GIVEN_NEUTRAL = [...'文明华宇晓子一佳安嘉欣家思雨天新若书'];

/** Birthplace area codes for employees not born where they work. */
export const HOME_AREAS = ['110105', '120101', '130102', '320102', '330106', '340104', '350203', '360102', '370202', '410105', '430104', '440106', '450103', '500103', '510107', '520102', '610113', '420102', '320583', '330382'];

export const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199'];

export const LEAVE_REASONS = ['个人发展', '家庭原因', '薪酬福利', '职业转型', '回老家发展', '继续深造', '合同到期不续签'];
export const ON_LEAVE_REASONS = { female: ['产假', '病假', '长期病假'], male: ['病假', '长期病假', '陪产假'] } as const;

// ---- seeded value generators ----

export type Rng = ReturnType<typeof createRng>;

/** mulberry32: a tiny, fast, seedable PRNG; the only source of randomness here. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] ?? (items[0] as T);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  return {
    next,
    int,
    pick,
    chance: (probability: number) => next() < probability,
    /** v4-shaped, but drawn from the seed so reloads give the same ids */
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`,
    /** a surname (common ones more often) and a one- or two-character given name */
    name: (gender: 'male' | 'female') => {
      const surname = SURNAMES[Math.floor(next() ** 2 * SURNAMES.length)] ?? '王';
      const own = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
      if (next() < 0.28) return surname + pick(own);
      const first = next() < 0.3 ? pick(GIVEN_NEUTRAL) : pick(own);
      let second = pick(own);
      while (second === first) second = pick(own);
      return surname + first + second;
    },
  };
}

const DAY_MS = 86_400_000;
/** Day number (days since 1970-01-01, UTC) → 'YYYY-MM-DD'. */
export const dayIso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addYears = (day: number, years: number) => {
  const d = new Date(day * DAY_MS);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return Math.round(d.getTime() / DAY_MS);
};

/** A unique mobile number and an 18-character national id whose birth date and sex digit agree with the person (GB 11643 check digit). */
export function personIdentity(rng: Rng, taken: Set<string>, birth: number, gender: 'male' | 'female', areaCode: string | null) {
  const area = areaCode ?? rng.pick(HOME_AREAS);
  const draw = (make: () => string) => {
    let v = make();
    while (taken.has(v)) v = make();
    return v;
  };
  const mobile = draw(() => rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0'));
  const nationalId = draw(() => {
    const sex = rng.int(0, 4) * 2 + (gender === 'male' ? 1 : 0);
    const body = `${area}${dayIso(birth).replaceAll('-', '')}${String(rng.int(0, 99)).padStart(2, '0')}${sex}`;
    const sum = [...body].reduce((n, ch, i) => n + Number(ch) * (2 ** (17 - i) % 11), 0);
    return body + '10X98765432'[sum % 11];
  });
  taken.add(mobile);
  taken.add(nationalId);
  return { mobile, nationalId };
}

/** Completes a 统一社会信用代码 with its GB 32100 check character. */
export function creditCode(base: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const sum = [...base].reduce((n, ch, i) => n + alphabet.indexOf(ch) * (3 ** i % 31), 0);
  return base + alphabet[(31 - (sum % 31)) % 31];
}
