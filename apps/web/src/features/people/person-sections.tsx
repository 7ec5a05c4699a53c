import { Card, Descriptions, Empty, Grid, Table, Tag, Timeline, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { EmployeeDetail } from '@uplift/contract';
import { changeLines, isHistoryField, type ChangeNames } from './history.ts';
import type { Translate } from '../../i18n/i18n.ts';

type Contract = EmployeeDetail['contracts'][number];

const none = '—';

/** 基本信息: who, where in the organisation, which job, since when. */
export function BasicInfoCard(props: { person: EmployeeDetail; linkManager: boolean }) {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().md;
  const p = props.person;
  const manager = p.managerId && p.managerName ? props.linkManager ? <Link to={`/people/${p.managerId}`} data-testid="person-manager">{p.managerName}</Link> : p.managerName : none;
  const items = [
    { key: 'gender', label: t('people.fields.gender'), children: t(`people.genders.${p.gender}`) },
    { key: 'birthDate', label: t('people.fields.birthDate'), children: p.birthDate ?? none },
    { key: 'unit', label: t('people.columns.unit'), span: phone ? 1 : 2, children: <span data-testid="person-unit-path">{p.orgPath.map((u) => u.name).join(' / ') || p.unitName}</span> },
    { key: 'position', label: t('people.columns.position'), children: p.position },
    { key: 'grade', label: t('people.columns.grade'), children: <span data-testid="person-grade">{p.grade}</span> },
    { key: 'manager', label: t('people.columns.manager'), children: manager },
    { key: 'hireDate', label: t('people.columns.hireDate'), children: p.hireDate },
    { key: 'serviceStart', label: t('people.fields.serviceStartDate'), children: p.serviceStartDate },
    ...(p.leaveDate || p.status === 'left'
      ? [
          { key: 'leaveDate', label: t('people.fields.leaveDate'), children: p.leaveDate ?? none },
          { key: 'leaveReason', label: t('people.fields.leaveReason'), children: p.leaveReason ?? none },
        ]
      : []),
  ];
  return (
    <Card title={t('person.basic')} data-testid="person-basic">
      <Descriptions column={phone ? 1 : 2} size="small" styles={{ label: { width: 108 } }} items={items} />
    </Card>
  );
}

/** 联系方式: masked for anyone without HR rights over this person (the server decides). */
export function ContactCard(props: { person: EmployeeDetail }) {
  const { t } = useTranslation();
  const p = props.person;
  const value = (v: string | null) => (v ? <Typography.Text style={{ wordBreak: 'break-all' }}>{v}</Typography.Text> : <Typography.Text type="secondary">{none}</Typography.Text>);
  return (
    <Card
      title={t('person.contact')}
      extra={p.masked && <Tag color="orange" data-testid="person-masked">{t('person.masked')}</Tag>}
      data-testid="person-contact"
    >
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 108 } }}
        items={[
          { key: 'email', label: t('people.fields.email'), children: value(p.email) },
          { key: 'mobile', label: t('people.fields.mobile'), children: <span data-testid="person-mobile">{value(p.mobile)}</span> },
          { key: 'nationalId', label: t('people.fields.nationalId'), children: value(p.nationalId) },
        ]}
      />
    </Card>
  );
}

function contractPeriod(c: Contract, t: Translate): string {
  return `${c.startDate} ~ ${c.endDate ?? t('person.contracts.openEnd')}`;
}

/** 劳动合同: employer (用人单位), type and term; a list on phones. */
export function ContractsCard(props: { person: EmployeeDetail }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const phone = !Grid.useBreakpoint().md;
  const contracts = props.person.contracts;
  const columns: ColumnsType<Contract> = [
    { key: 'employer', title: t('person.contracts.employer'), dataIndex: 'employerName' },
    { key: 'type', title: t('person.contracts.type'), render: (_, c) => t(`person.contractTypes.${c.type}`) },
    { key: 'start', title: t('person.contracts.start'), dataIndex: 'startDate' },
    { key: 'end', title: t('person.contracts.end'), render: (_, c) => c.endDate ?? t('person.contracts.openEnd') },
  ];
  let body;
  if (contracts.length === 0) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('person.contracts.empty')} />;
  else if (phone) {
    body = (
      <div>
        {contracts.map((c, i) => (
          <div key={c.id} style={{ padding: '8px 0', borderTop: i === 0 ? 'none' : `1px solid ${token.colorBorderSecondary}` }}>
            <Typography.Text strong>{c.employerName}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {t(`person.contractTypes.${c.type}`)} · {contractPeriod(c, t)}
            </Typography.Text>
          </div>
        ))}
      </div>
    );
  } else body = <Table<Contract> rowKey="id" size="small" columns={columns} dataSource={contracts} pagination={false} />;
  return (
    <Card title={t('person.contracts.title')} data-testid="person-contracts">
      {body}
    </Card>
  );
}

/** 任职履历: the job history, newest first, each change as "职级 P5 → P6". */
export function HistoryCard(props: { person: EmployeeDetail; names: ChangeNames }) {
  const { t } = useTranslation();
  const entries = [...props.person.history].reverse();
  const fieldLabel = (f: string) => (isHistoryField(f) ? t(`person.historyFields.${f}`) : f);
  return (
    <Card title={t('person.history')} data-testid="person-history">
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('person.historyEmpty')} />
      ) : (
        <Timeline
          items={entries.map((h, i) => ({
            key: h.id,
            color: i === 0 ? 'blue' : 'gray',
            content: (
              <div data-testid="history-entry">
                <Typography.Text strong>{h.effectiveDate}</Typography.Text>
                {h.reason && <Typography.Text style={{ marginInlineStart: 8 }}>{h.reason}</Typography.Text>}
                {changeLines(h.changes, props.names).map((l) => (
                  <div key={l.field} style={{ fontSize: 13 }} data-testid="history-change" data-field={l.field}>
                    <Typography.Text type="secondary">{fieldLabel(l.field)}</Typography.Text> {l.from === null ? '' : `${l.from} → `}
                    {l.to ?? none}
                  </div>
                ))}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
