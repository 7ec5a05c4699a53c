import { Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../app/errors.tsx';
import { UnitTreeSelect } from '../org/unit-tree-select.tsx';
import { OverrideEditor } from './override-editor.tsx';
import { useOverride, useOverrides } from './use-templates.ts';

/** 单位覆盖: pick a unit in the org tree (or one that already overrides) and edit its adjustable parameters. */
export function OverridesTab(props: { unitId: string | null; onUnit: (id: string | null) => void }) {
  const { t } = useTranslation();
  const list = useOverrides();
  const view = useOverride(props.unitId);

  let body;
  if (props.unitId === null) body = <Empty description={t('templates.override.pickHint')} data-testid="override-pick-hint" />;
  else if (view.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (view.isError) body = <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />;
  else body = <OverrideEditor view={view.data} />;

  return (
    <Flex vertical gap={12} data-testid="overrides-tab">
      <div>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 4 }}>
          {t('templates.override.pickUnit')}
        </Typography.Text>
        <UnitTreeSelect value={props.unitId} onChange={props.onUnit} placeholder={t('templates.override.pickUnit')} disable={(n) => n.parentId === null} testId="override-unit" />
      </div>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12, marginRight: 8 }}>
          {t('templates.override.list')}
        </Typography.Text>
        {list.data && list.data.length === 0 && <Typography.Text type="secondary">{t('templates.override.listEmpty')}</Typography.Text>}
        <Flex wrap gap={4} style={{ marginTop: 4 }}>
          {(list.data ?? []).map((o) => (
            <Tag.CheckableTag key={o.unitId} checked={o.unitId === props.unitId} onChange={() => props.onUnit(o.unitId)} data-testid="override-chip">
              {o.unitName} · v{o.version}
            </Tag.CheckableTag>
          ))}
        </Flex>
      </div>
      {body}
    </Flex>
  );
}
