import { Typography } from 'antd';

/** A value as indented JSON in a scrollable block (audit before/after). */
export function JsonView(props: { label: string; value: unknown }) {
  return (
    <div style={{ minWidth: 0, flex: '1 1 280px' }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {props.label}
      </Typography.Text>
      <pre style={{ margin: '4px 0 0', padding: 8, background: 'rgba(0,0,0,0.04)', borderRadius: 6, fontSize: 12, maxHeight: 320, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {props.value === null || props.value === undefined ? '—' : JSON.stringify(props.value, null, 2)}
      </pre>
    </div>
  );
}
