import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Grid, Input, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { employeeStatuses } from '@uplift/contract';
import { ErrorAlert, useErrorText } from '../../app/errors.tsx';
import { hasAnyRole, hrRoles, ownRecordOnly } from '../auth/session.ts';
import { useSession } from '../auth/use-session.ts';
import { UnitTreeSelect } from '../org/unit-tree-select.tsx';
import { MAX_PROVISION, type ProvisionResult } from './accounts.ts';
import { CreateEmployeeModal } from './create-employee-modal.tsx';
import { IssuedAccountsModal } from './issued-accounts-modal.tsx';
import { StatusTag } from './status-tag.tsx';
import { usePeople, useProvisionAccounts, type EmployeeRow, type EmployeeStatus, type PeopleFilters, type PeopleSort } from './use-people.ts';

const sorts: PeopleSort[] = ['employeeNo', 'name', 'hireDate'];

/** The filters kept in the address (?unitId=&status=&q=&sort=), so links and the back button keep them. */
function readFilters(params: URLSearchParams): PeopleFilters {
  const status = params.get('status');
  const sort = params.get('sort');
  return {
    unitId: params.get('unitId'),
    status: employeeStatuses.find((s) => s === status) ?? null,
    q: params.get('q') ?? '',
    sort: sorts.find((s) => s === sort) ?? 'employeeNo',
  };
}

/** /people: the people the caller may see, filtered by unit, status and name or number. */
export function PeoplePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const phone = !Grid.useBreakpoint().md;
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const people = usePeople(filters);
  const [creating, setCreating] = useState(false);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const provision = useProvisionAccounts();
  // selected people for 批量开通账号, with their names for the result
  const [selected, setSelected] = useState<ReadonlyMap<string, string>>(new Map());
  const [provisioned, setProvisioned] = useState<{ result: ProvisionResult; names: ReadonlyMap<string, string> } | null>(null);
  const [q, setQ] = useState(filters.q);
  // the box follows the address when it changes from elsewhere (menu, back button)
  useEffect(() => setQ(filters.q), [filters.q]);
  if (session.data?.status !== 'signed-in') return null;
  const { user } = session.data;
  // someone who may see only their own record has no list to browse
  const own = ownRecordOnly(user);
  if (own) return <Navigate to={`/people/${own}`} replace />;
  const canHire = hasAnyRole(user, hrRoles);

  const setFilter = (patch: Partial<PeopleFilters>) => {
    const next = { ...filters, ...patch };
    const p: Record<string, string> = {};
    if (next.unitId) p.unitId = next.unitId;
    if (next.status) p.status = next.status;
    if (next.q.trim()) p.q = next.q.trim();
    if (next.sort !== 'employeeNo') p.sort = next.sort;
    setParams(p, { replace: true });
  };

  const items = people.data?.pages.flatMap((p) => p.items) ?? [];
  const total = people.data?.pages[0]?.total ?? null;
  const open = (r: EmployeeRow) => void navigate(`/people/${r.id}`);
  const toggle = (r: EmployeeRow, on: boolean) => {
    const next = new Map(selected);
    if (on) next.set(r.id, r.name);
    else next.delete(r.id);
    setSelected(next);
  };
  const runProvision = () =>
    provision.mutate([...selected.keys()], {
      onSuccess: (result) => {
        setProvisioned({ result, names: selected });
        setSelected(new Map());
      },
      onError: (err) => void message.error(errorText(err)),
    });
  const tooMany = selected.size > MAX_PROVISION;

  const columns: ColumnsType<EmployeeRow> = [
    { key: 'employeeNo', title: t('people.columns.employeeNo'), dataIndex: 'employeeNo', width: 110 },
    { key: 'name', title: t('people.columns.name'), render: (_, r) => <Link to={`/people/${r.id}`} onClick={(e) => e.stopPropagation()}>{r.name}</Link> },
    { key: 'unit', title: t('people.columns.unit'), dataIndex: 'unitName', ellipsis: true },
    { key: 'position', title: t('people.columns.position'), dataIndex: 'position', ellipsis: true, responsive: ['lg'] },
    { key: 'grade', title: t('people.columns.grade'), dataIndex: 'grade', width: 72 },
    { key: 'status', title: t('people.columns.status'), render: (_, r) => <StatusTag status={r.status} />, width: 88 },
    { key: 'manager', title: t('people.columns.manager'), render: (_, r) => r.managerName ?? '—', responsive: ['xl'] },
    { key: 'hireDate', title: t('people.columns.hireDate'), dataIndex: 'hireDate', width: 116, responsive: ['lg'] },
  ];

  let body;
  if (people.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (people.isError) body = <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />;
  else if (items.length === 0) body = <Empty description={t('people.empty')} data-testid="people-empty" />;
  else if (phone) {
    body = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="people-cards">
        {items.map((r) => (
          <Card key={r.id} size="small" hoverable onClick={() => open(r)} data-testid="person-card" styles={{ body: { padding: 12 } }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
              {canHire && (
                <span onClick={(e) => e.stopPropagation()}>
                  <Checkbox checked={selected.has(r.id)} onChange={(e) => toggle(r, e.target.checked)} aria-label={r.name} data-testid="person-card-select" />
                </span>
              )}
              <Link to={`/people/${r.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 600, minWidth: 0, flex: 1, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {r.name}
              </Link>
              <StatusTag status={r.status} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }}>
              {r.employeeNo} · {r.position} · {r.grade}
            </Typography.Text>
            <Typography.Text style={{ fontSize: 13, display: 'block', wordBreak: 'break-word' }}>{r.unitName}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('people.columns.manager')} {r.managerName ?? '—'} · {t('people.columns.hireDate')} {r.hireDate}
            </Typography.Text>
          </Card>
        ))}
      </Space>
    );
  } else {
    body = (
      <Table<EmployeeRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        pagination={false}
        loading={people.isFetching && !people.isFetchingNextPage}
        onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
        rowSelection={
          canHire
            ? {
                selectedRowKeys: [...selected.keys()],
                preserveSelectedRowKeys: true,
                onChange: (_keys, rows) => {
                  // rows of other filters stay selected: keep their names, add the visible ones
                  const visible = new Set(items.map((i) => i.id));
                  const next = new Map([...selected].filter(([id]) => !visible.has(id)));
                  for (const r of rows) if (r) next.set(r.id, r.name);
                  setSelected(next);
                },
                columnWidth: 40,
              }
            : undefined
        }
        data-testid="people-table"
      />
    );
  }

  return (
    <Card
      title={t('people.title')}
      styles={{ body: { padding: phone ? 12 : 24 } }}
      extra={
        canHire && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="person-create">
            {t('people.create')}
          </Button>
        )
      }
    >
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={24} md={12} xl={7}>
          <UnitTreeSelect value={filters.unitId} onChange={(unitId) => setFilter({ unitId })} allowClear placeholder={t('people.allUnits')} testId="people-unit" />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select<EmployeeStatus>
            allowClear
            value={filters.status ?? undefined}
            onChange={(status) => setFilter({ status: status ?? null })}
            placeholder={t('people.allStatuses')}
            options={employeeStatuses.map((s) => ({ value: s, label: t(`people.statuses.${s}`) }))}
            style={{ width: '100%' }}
            data-testid="people-status"
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select<PeopleSort>
            value={filters.sort}
            onChange={(sort) => setFilter({ sort })}
            options={sorts.map((s) => ({ value: s, label: t(`people.sorts.${s}`) }))}
            style={{ width: '100%' }}
            aria-label={t('people.sort')}
            data-testid="people-sort"
          />
        </Col>
        <Col xs={24} xl={9}>
          <Input.Search
            allowClear
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              if (e.target.value === '') setFilter({ q: '' });
            }}
            onSearch={(v) => setFilter({ q: v })}
            placeholder={t('people.search')}
            data-testid="people-search"
          />
        </Col>
      </Row>
      {total !== null && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="people-total" data-total={total}>
          {t('people.total', { count: total })}
        </Typography.Paragraph>
      )}
      {canHire && selected.size > 0 && (
        <Alert
          type={tooMany ? 'warning' : 'info'}
          style={{ marginBottom: 8 }}
          title={tooMany ? t('accounts.tooMany', { count: selected.size, max: MAX_PROVISION }) : t('accounts.selected', { count: selected.size })}
          action={
            <Space wrap size={4} style={{ justifyContent: 'flex-end' }}>
              <Button size="small" onClick={() => setSelected(new Map())} data-testid="people-clear-selection">
                {t('accounts.clearSelection')}
              </Button>
              <Button size="small" type="primary" icon={<UserAddOutlined />} disabled={tooMany} loading={provision.isPending} onClick={runProvision} data-testid="people-provision">
                {t('accounts.provisionBatch')}
              </Button>
            </Space>
          }
          data-testid="people-selection"
        />
      )}
      {body}
      {people.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void people.fetchNextPage()} loading={people.isFetchingNextPage} data-testid="people-load-more">
            {t('app.loadMore')}
          </Button>
        </div>
      )}
      <IssuedAccountsModal result={provisioned?.result ?? null} names={provisioned?.names} onClose={() => setProvisioned(null)} />
      {canHire && (
        <CreateEmployeeModal
          open={creating}
          defaultUnitId={filters.unitId}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/people/${id}`);
          }}
        />
      )}
    </Card>
  );
}
