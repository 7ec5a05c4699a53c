import { Collapse, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncDiff, SyncField } from './use-wecom.ts';

type Section = keyof SyncDiff;
const SECTIONS: Section[] = ['links', 'updates', 'leavers', 'differences', 'unmappedDepartments', 'proposals'];

/** One line of a section: who, and what changes; wraps on a phone instead of scrolling sideways. */
function Line(props: { title: string; detail: string }) {
  return (
    <List.Item style={{ display: 'block', overflowWrap: 'anywhere' }}>
      <Typography.Text strong>{props.title}</Typography.Text>
      <div>
        <Typography.Text type="secondary">{props.detail}</Typography.Text>
      </div>
    </List.Item>
  );
}

/** The stored preview, section by section with counts; the sections to apply open first. */
export function SyncDiffView(props: { diff: SyncDiff }) {
  const { t } = useTranslation();
  const { diff } = props;
  const field = (f: SyncField) => t(`wecom.sync.fields.${f}`);
  const lines: Record<Section, { key: string; title: string; detail: string }[]> = {
    links: diff.links.map((l) => ({ key: l.employeeId, title: `${l.name}（${l.employeeNo}）`, detail: `${l.userid} · ${t(`wecom.sync.by.${l.by}`)}` })),
    updates: diff.updates.map((u) => ({ key: `${u.employeeId}:${u.field}`, title: `${u.name}（${u.employeeNo}）`, detail: `${field(u.field)}：${u.field === 'name' || u.field === 'position' ? `${u.from ?? '—'} ` : ''}→ ${u.toLabel ?? u.to ?? '—'}` })),
    leavers: diff.leavers.map((l) => ({ key: l.employeeId, title: `${l.name}（${l.employeeNo}）`, detail: `${l.userid} · ${t(`wecom.sync.reasons.${l.reason}`)}` })),
    differences: diff.differences.map((d) => ({ key: `${d.employeeId}:${d.field}`, title: `${d.name}（${d.employeeNo}）`, detail: `${field(d.field)}：${t('wecom.sync.columns.uplift')} ${d.uplift ?? '—'} / ${t('wecom.sync.columns.wecom')} ${d.wecom ?? '—'}` })),
    unmappedDepartments: diff.unmappedDepartments.map((d) => ({ key: String(d.id), title: d.name, detail: `ID ${d.id} · parent ${d.parentid}` })),
    proposals: diff.proposals.map((p) => ({ key: p.employeeId, title: `${p.name}（${p.employeeNo}）`, detail: p.userid })),
  };
  const open = SECTIONS.filter((s) => ['links', 'updates', 'leavers'].includes(s) && lines[s].length > 0);
  return (
    <Collapse
      defaultActiveKey={open}
      data-testid="sync-diff"
      items={SECTIONS.map((s) => ({
        key: s,
        label: (
          <Space wrap>
            <span>{t(`wecom.sync.sections.${s}`)}</span>
            <Tag color={lines[s].length > 0 ? 'blue' : 'default'} data-testid={`sync-count-${s}`}>
              {lines[s].length}
            </Tag>
          </Space>
        ),
        children: lines[s].length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('wecom.sync.empty')} /> : <List size="small" pagination={lines[s].length > 20 ? { pageSize: 20, size: 'small' } : false} dataSource={lines[s]} renderItem={(l) => <Line key={l.key} title={l.title} detail={l.detail} />} />,
      }))}
    />
  );
}
