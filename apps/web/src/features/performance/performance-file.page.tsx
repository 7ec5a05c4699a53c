import { useState } from 'react';
import { Breadcrumb, Button, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api-client.ts';
import { ErrorAlert } from '../../app/errors.tsx';
import { ownRecordOnly } from '../auth/session.ts';
import { useSession } from '../auth/use-session.ts';
import { FileChartCard } from './file-chart-card.tsx';
import { CandidaciesCard, FeedbackCard, WorkLogsCard } from './file-sections.tsx';
import { ResultModal } from './result-modal.tsx';
import { ResultsCard } from './results-card.tsx';
import { PlansFileCard } from '../pip/plans-file-card.tsx';
import { usePerformanceFile } from './use-performance.ts';

/**
 * /people/:id/performance, 绩效全周期档案: the achievement chart against the rule thresholds,
 * the results (entered or corrected here by HR who may), work logs, customer feedback, and the
 * person's candidacies for those the server shows them to (never the person themselves).
 */
export function PerformanceFilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const file = usePerformanceFile(id);
  // the result modal: closed (null), a new result (cycleId null) or that cycle's result
  const [editing, setEditing] = useState<{ cycleId: string | null } | null>(null);
  if (session.data?.status !== 'signed-in') return null;
  const ownOnly = ownRecordOnly(session.data.user) !== null;

  if (file.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (file.isError) {
    if (file.error instanceof ApiError && file.error.code === 'NOT_FOUND') {
      return <Result status="404" title={t('person.notFound')} subTitle={t('person.notFoundHint')} data-testid="performance-not-found" extra={!ownOnly && <Link to="/people"><Button>{t('person.backToList')}</Button></Link>} />;
    }
    return <ErrorAlert error={file.error} onRetry={() => void file.refetch()} />;
  }
  const f = file.data;
  const e = f.employee;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 1100, margin: '0 auto', display: 'flex' }} data-testid="performance-file">
      <Breadcrumb
        items={[
          ...(ownOnly ? [] : [{ key: 'people', title: <Link to="/people">{t('people.title')}</Link> }]),
          { key: 'person', title: <Link to={`/people/${e.id}`}>{ownOnly ? t('nav.myRecord') : e.name}</Link> },
          { key: 'performance', title: t('performance.file.title') },
        ]}
      />
      <Card styles={{ body: { padding: 16 } }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="performance-file-name">
          {t('performance.file.heading', { name: e.name })}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ display: 'block', wordBreak: 'break-word' }}>
          {e.employeeNo} · {e.position} · {e.grade} · {e.unitName}
        </Typography.Text>
      </Card>
      <FileChartCard file={f} />
      <ResultsCard results={f.results} canEdit={f.canEditResults} onEnter={(cycleId) => setEditing({ cycleId })} />
      <PlansFileCard employeeId={f.employee.id} />
      {f.candidates !== null && <CandidaciesCard candidates={f.candidates} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <WorkLogsCard logs={f.workLogs} />
        </Col>
        <Col xs={24} lg={12}>
          <FeedbackCard feedback={f.feedback} />
        </Col>
      </Row>
      {f.canEditResults && (
        <ResultModal
          employeeId={e.id}
          employeeName={e.name}
          results={f.results}
          cycleId={editing?.cycleId ?? null}
          open={editing !== null}
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}
