import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PipStateTag } from './pip-tags.tsx';
import { usePlansOf } from './use-pips.ts';

/** The employee's improvement plans in their performance file, as far as the caller may see them (none: no card). */
export function PlansFileCard(props: { employeeId: string }) {
  const { t } = useTranslation();
  const plans = usePlansOf(props.employeeId);
  if (plans.isPending) return <Card size="small" title={t('pip.file.title')} loading />;
  if (plans.isError || plans.data.items.length === 0) return null;
  return (
    <Card size="small" title={t('pip.file.title')} data-testid="file-plans">
      <List
        dataSource={plans.data.items}
        renderItem={(p) => (
          <List.Item>
            <Link to={`/pips/${p.id}`} style={{ display: 'block', width: '100%' }}>
              <Space size={8} wrap>
                <PipStateTag state={p.state} />
                <Typography.Text>{t(`pip.problemTypes.${p.problemType}`)}</Typography.Text>
                <Typography.Text type="secondary">{`${p.plannedStart} – ${p.plannedEnd}`}</Typography.Text>
              </Space>
            </Link>
          </List.Item>
        )}
      />
    </Card>
  );
}
