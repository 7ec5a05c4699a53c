import type { ReactNode } from 'react';
import { Flex, InputNumber, Typography } from 'antd';

/** A labelled control with its problems below it, sized to wrap on a phone. */
export function Field(props: { label: ReactNode; errors?: readonly string[]; children: ReactNode; wide?: boolean; testId?: string }) {
  const errors = props.errors ?? [];
  return (
    <div style={{ flex: props.wide ? '1 1 100%' : '1 1 140px', minWidth: 0 }} data-testid={props.testId} data-invalid={errors.length > 0 || undefined}>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginBottom: 4 }}>
        {props.label}
      </Typography.Text>
      {props.children}
      {errors.map((m) => (
        <Typography.Text key={m} type="danger" style={{ display: 'block', fontSize: 12, wordBreak: 'break-word' }} data-testid="field-error">
          {m}
        </Typography.Text>
      ))}
    </div>
  );
}

/** A row of fields that wraps. */
export function Fields(props: { children: ReactNode }) {
  return (
    <Flex wrap gap={12} style={{ width: '100%' }}>
      {props.children}
    </Flex>
  );
}

/** A whole-number input (null while empty is kept as the last value). */
export function Num(props: { value: number; onChange: (v: number) => void; min?: number; max?: number; disabled?: boolean; invalid?: boolean; testId?: string; ariaLabel?: string }) {
  // the test id sits on a wrapper: antd puts data-* attributes of InputNumber on its inner input
  return (
    <div data-testid={props.testId}>
      <InputNumber
      value={props.value}
      min={props.min}
      max={props.max}
      precision={0}
      disabled={props.disabled}
      status={props.invalid ? 'error' : undefined}
      onChange={(v) => {
        if (typeof v === 'number') props.onChange(v);
      }}
      style={{ width: '100%' }}
      aria-label={props.ariaLabel}
      />
    </div>
  );
}
