import { Flex, InputNumber, Slider } from 'antd';

/** 0–100 % as a slider for the thumb and a number for the exact value; a form control (value/onChange). */
export function PercentInput(props: { value?: number | null; onChange?: (v: number) => void; testId?: string; disabled?: boolean; ariaLabel?: string }) {
  const v = props.value ?? 0;
  const set = (n: number | null) => props.onChange?.(Math.max(0, Math.min(100, Math.round(n ?? 0))));
  return (
    <Flex gap={12} align="center" style={{ width: '100%', minWidth: 0 }}>
      <Slider min={0} max={100} step={5} value={v} onChange={set} disabled={props.disabled} ariaLabelForHandle={props.ariaLabel} style={{ flex: '1 1 auto', minWidth: 0 }} />
      <InputNumber min={0} max={100} precision={0} value={v} onChange={set} suffix="%" disabled={props.disabled} aria-label={props.ariaLabel} style={{ width: 88, flex: 'none' }} data-testid={props.testId} />
    </Flex>
  );
}
