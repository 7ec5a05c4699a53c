import { useMemo, useState } from 'react';
import { Breadcrumb, Button, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { EditOutlined, LineChartOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { ErrorAlert } from '../../app/errors.tsx';
import { ownRecordOnly } from '../auth/session.ts';
import { useSession } from '../auth/use-session.ts';
import { useOrgTree } from '../org/use-org.ts';
import { ProtectedCard } from '../compliance/protected-card.tsx';
import { AccountCard } from './account-card.tsx';
import { ChangeJobModal } from './change-job-modal.tsx';
import { HandoverCard } from './handover-card.tsx';
import type { ChangeNames } from './history.ts';
import { BasicInfoCard, ContactCard, ContractsCard, HistoryCard } from './person-sections.tsx';
import { StatusTag } from './status-tag.tsx';
import { usePerson, type EmployeeDetail } from './use-people.ts';

/** Names for the ids in the job history: units from the tree, people from this record. */
function useChangeNames(person: EmployeeDetail | undefined): ChangeNames {
  const { t } = useTranslation();
  const tree = useOrgTree();
  return useMemo(() => {
    const units = new Map((tree.data ?? []).map((u) => [u.id, u.name]));
    for (const u of person?.orgPath ?? []) units.set(u.id, u.name);
    const people = new Map<string, string>();
    if (person) people.set(person.id, person.name);
    if (person?.managerId && person.managerName) people.set(person.managerId, person.managerName);
    return {
      unit: (id) => units.get(id) ?? null,
      person: (id) => people.get(id) ?? null,
      status: (s) => (s === 'probation' || s === 'active' || s === 'on_leave' || s === 'left' ? t(`people.statuses.${s}`) : s),
    };
  }, [tree.data, person, t]);
}

/** /people/:id: one person's record; HR in scope may change the job and hand over a leaver's work. */
export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const person = usePerson(id);
  const names = useChangeNames(person.data);
  const [changing, setChanging] = useState(false);
  if (session.data?.status !== 'signed-in') return null;
  const { user } = session.data;
  const ownOnly = ownRecordOnly(user) !== null;

  if (person.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (person.isError) {
    if (person.error instanceof ApiError && person.error.code === 'NOT_FOUND') {
      return <Result status="404" title={t('person.notFound')} subTitle={t('person.notFoundHint')} data-testid="person-not-found" extra={!ownOnly && <Link to="/people"><Button>{t('person.backToList')}</Button></Link>} />;
    }
    return <ErrorAlert error={person.error} onRetry={() => void person.refetch()} />;
  }
  const p = person.data;
  // the server says whether the caller has HR rights over this person; nobody changes their own record
  const canChange = p.canManage && user.employeeId !== p.id;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1100, margin: '0 auto', display: 'flex' }} data-testid="person-page">
      {!ownOnly && <Breadcrumb items={[{ key: 'people', title: <Link to="/people">{t('people.title')}</Link> }, { key: 'me', title: p.name }]} />}
      <Card styles={{ body: { padding: 16 } }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, justifyContent: 'space-between' }}>
          <div style={{ minWidth: 0 }}>
            <Space size={8} align="center" wrap>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="person-name">
                {p.name}
              </Typography.Title>
              <StatusTag status={p.status} />
            </Space>
            <Typography.Text type="secondary" style={{ display: 'block' }} data-testid="person-employee-no">
              {p.employeeNo} · {p.position} · {p.grade} · {p.unitName}
            </Typography.Text>
          </div>
          <Space size={8} wrap>
            <Link to={`/people/${p.id}/performance`}>
              <Button icon={<LineChartOutlined />} data-testid="person-performance">
                {t('performance.file.open')}
              </Button>
            </Link>
            {canChange && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setChanging(true)} data-testid="job-change">
                {t('person.change.action')}
              </Button>
            )}
          </Space>
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <BasicInfoCard person={p} linkManager={!ownOnly} />
            <ContractsCard person={p} />
            {canChange && p.status === 'left' && <HandoverCard person={p} />}
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <ContactCard person={p} />
            {canChange && <AccountCard person={p} />}
            {canChange && <ProtectedCard employeeId={p.id} />}
            <HistoryCard person={p} names={names} />
          </Space>
        </Col>
      </Row>
      {canChange && <ChangeJobModal person={p} open={changing} onClose={() => setChanging(false)} />}
    </Space>
  );
}
