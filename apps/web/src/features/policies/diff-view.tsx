import { Alert, Card, Empty, Skeleton, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { policySectionTitles, type SettingChange } from '@uplift/contract';
import { ErrorAlert } from '../../app/errors.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { usePolicyDiff } from './use-policies.ts';

const colors = { added: { background: '#f6ffed', color: '#237804' }, removed: { background: '#fff1f0', color: '#a8071a', textDecoration: 'line-through' }, same: { color: 'inherit' } };
const mark = { added: '+ ', removed: '- ', same: '  ' };
const show = (v: unknown) => (v === null || v === undefined ? '—' : Array.isArray(v) ? v.join('、') : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The diff to the previous version: changed sections line by line, settings field by field. */
export function DiffView(props: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n);
  const diff = usePolicyDiff(props.id, true);
  if (diff.isPending) return <Skeleton active />;
  if (diff.isError) return <ErrorAlert error={diff.error} onRetry={() => void diff.refetch()} />;
  const d = diff.data;
  return (
    <div data-testid="policy-diff">
      <Alert type="info" showIcon title={d.previous ? t('policies.diff.previous', { n: d.previous.version }) : t('policies.diff.first')} style={{ marginBottom: 12 }} />
      {d.titleChanged && <Typography.Paragraph>{t('policies.diff.title')}</Typography.Paragraph>}
      {d.sections.map((s) => (
        <Card key={s.key} size="small" title={policySectionTitles[s.key][lang]} extra={!s.changed && <Typography.Text type="secondary">{t('policies.diff.unchanged')}</Typography.Text>} style={{ marginBottom: 8 }}>
          {s.changed && (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', fontSize: 13 }}>
              {s.lines.map((l, i) => (
                <div key={i} style={colors[l.kind]} data-kind={l.kind}>
                  {mark[l.kind]}
                  {l.text}
                </div>
              ))}
            </pre>
          )}
        </Card>
      ))}
      <Typography.Title level={5}>{t('policies.diff.settings')}</Typography.Title>
      {d.settings.length === 0 ? (
        <Empty description={t('policies.diff.noSettings')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Table<SettingChange>
          size="small"
          rowKey="path"
          pagination={false}
          scroll={{ x: true }}
          dataSource={d.settings}
          data-testid="policy-diff-settings"
          columns={[
            { key: 'path', title: t('policies.diff.field'), dataIndex: 'path' },
            { key: 'before', title: t('policies.diff.before'), render: (_, c) => show(c.before) },
            { key: 'after', title: t('policies.diff.after'), render: (_, c) => show(c.after) },
          ]}
        />
      )}
    </div>
  );
}
