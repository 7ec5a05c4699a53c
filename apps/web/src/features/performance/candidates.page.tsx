import type { HTMLAttributes } from 'react';
import { Button, Card, Col, Empty, Grid, Result, Row, Select, Skeleton, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { candidateStatuses } from '@uplift/contract';
import { ErrorAlert } from '../../app/errors.tsx';
import { dateTime, localize } from '../../i18n/format.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { hasAnyRole, hrRoles } from '../auth/session.ts';
import { useSession } from '../auth/use-session.ts';
import { UnitTreeSelect } from '../org/unit-tree-select.tsx';
import { CandidateDrawer } from './candidate-drawer.tsx';
import { candidateParams, readCandidateFilters, type CandidateFilters, type CandidateStatus } from './performance.ts';
import { CandidateStatusTag } from './performance-tags.tsx';
import { useCandidates, type Candidate } from './use-candidates.ts';
import { useRules } from './use-rules.ts';

/**
 * /candidates, 预警名单: the people the trigger rules flagged, as far as the caller may see them
 * (HR in scope, managers for their reports; the server decides). Filters by status, rule and
 * unit live in the address, as does the candidate open in the drawer (?open=).
 */
export function CandidatesPage() {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const phone = !Grid.useBreakpoint().md;
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const filters = readCandidateFilters(params);
  const openId = params.get('open');
  const user = session.data?.status === 'signed-in' ? session.data.user : null;
  const hr = user !== null && hasAnyRole(user, hrRoles);
  const allowed = user !== null && (hr || user.isManager === true);
  const candidates = useCandidates(filters, allowed);
  // only the HR roles read rules; a manager filters by status and unit
  const rules = useRules(hr);
  if (!user) return null;
  if (!allowed) return <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} data-testid="forbidden" />;

  const setFilter = (patch: Partial<CandidateFilters>) => setParams(candidateParams({ ...filters, ...patch }, null), { replace: true });
  const open = (c: Candidate) => setParams(candidateParams(filters, c.id));
  const close = () => setParams(candidateParams(filters, null));
  const items = candidates.data?.pages.flatMap((p) => p.items) ?? [];
  const total = candidates.data?.pages[0]?.total ?? null;
  const initial = items.find((c) => c.id === openId) ?? null;

  const columns: ColumnsType<Candidate> = [
    {
      key: 'employee',
      title: t('performance.candidates.employee'),
      render: (_, c) => (
        <div>
          <Typography.Link onClick={() => open(c)} data-testid="candidate-open">
            {c.employee.name}
          </Typography.Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {c.employee.employeeNo}
          </Typography.Text>
        </div>
      ),
      width: 120,
    },
    { key: 'unit', title: t('people.columns.unit'), render: (_, c) => c.employee.unitName, ellipsis: true },
    { key: 'position', title: t('people.columns.position'), render: (_, c) => c.employee.position, ellipsis: true, responsive: ['xl'] },
    { key: 'rule', title: t('performance.candidates.rule'), render: (_, c) => c.rule.name, ellipsis: true },
    { key: 'evidence', title: t('performance.candidates.evidence'), render: (_, c) => localize(c.evidence.description, lang), ellipsis: true, responsive: ['lg'] },
    { key: 'hrbp', title: t('performance.candidates.hrbp'), render: (_, c) => c.assignedHrbp?.name ?? '—', width: 96 },
    { key: 'status', title: t('performance.candidates.status'), render: (_, c) => <CandidateStatusTag status={c.status} />, width: 88 },
    { key: 'createdAt', title: t('performance.candidates.createdAt'), render: (_, c) => dateTime(c.createdAt, lang), width: 150, responsive: ['lg'] },
  ];

  let body;
  if (candidates.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (candidates.isError) body = <ErrorAlert error={candidates.error} onRetry={() => void candidates.refetch()} />;
  else if (items.length === 0) body = <Empty description={t('performance.candidates.empty')} data-testid="candidates-empty" />;
  else if (phone) {
    body = (
      <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="candidates-cards">
        {items.map((c) => (
          <Card key={c.id} size="small" hoverable onClick={() => open(c)} styles={{ body: { padding: 12 } }} data-testid="candidate-row" data-employee={c.employee.employeeNo}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'center' }}>
              <Typography.Text strong style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                {c.employee.name} · {c.employee.employeeNo}
              </Typography.Text>
              <CandidateStatusTag status={c.status} />
            </div>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13, wordBreak: 'break-word' }}>
              {c.employee.unitName} · {c.employee.position}
            </Typography.Text>
            <Typography.Text style={{ display: 'block', fontSize: 13, wordBreak: 'break-word' }}>{localize(c.evidence.description, lang)}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.rule.name} · {t('performance.candidates.hrbp')} {c.assignedHrbp?.name ?? t('performance.candidates.noHrbp')}
            </Typography.Text>
          </Card>
        ))}
      </Space>
    );
  } else {
    body = (
      <Table<Candidate>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        pagination={false}
        loading={candidates.isFetching && !candidates.isFetchingNextPage}
        onRow={(c) => ({ onClick: () => open(c), style: { cursor: 'pointer' }, 'data-testid': 'candidate-row', 'data-employee': c.employee.employeeNo }) as HTMLAttributes<HTMLElement>}
        data-testid="candidates-table"
      />
    );
  }

  return (
    <Card title={t('performance.candidates.title')} styles={{ body: { padding: phone ? 12 : 24 } }} data-testid="candidates-page">
      <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6} xl={4}>
          <Select<CandidateStatus>
            value={filters.status}
            onChange={(status) => setFilter({ status })}
            options={candidateStatuses.map((s) => ({ value: s, label: t(`performance.candidateStatuses.${s}`) }))}
            style={{ width: '100%' }}
            aria-label={t('performance.candidates.status')}
            data-testid="candidates-status"
          />
        </Col>
        {hr && (
          <Col xs={12} md={8} xl={6}>
            <Select<string>
              allowClear
              value={filters.ruleId ?? undefined}
              onChange={(ruleId) => setFilter({ ruleId: ruleId ?? null })}
              options={(rules.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              loading={rules.isPending}
              placeholder={t('performance.candidates.allRules')}
              style={{ width: '100%' }}
              data-testid="candidates-rule"
            />
          </Col>
        )}
        <Col xs={24} md={10} xl={8}>
          <UnitTreeSelect value={filters.unitId} onChange={(unitId) => setFilter({ unitId })} allowClear placeholder={t('people.allUnits')} testId="candidates-unit" />
        </Col>
      </Row>
      {total !== null && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="candidates-total" data-total={total}>
          {t('performance.candidates.total', { count: total })}
        </Typography.Paragraph>
      )}
      {body}
      {candidates.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void candidates.fetchNextPage()} loading={candidates.isFetchingNextPage} data-testid="candidates-load-more">
            {t('app.loadMore')}
          </Button>
        </div>
      )}
      <CandidateDrawer id={openId} initial={initial} canAct={hr} onClose={close} />
    </Card>
  );
}
