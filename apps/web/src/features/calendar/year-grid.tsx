import { theme, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { monthGrid, monthName, weekdayNames, weekdayOf, type DayMark } from './calendar.ts';

/**
 * Twelve small months, Monday first: statutory holidays in red with 休, make-up working days in
 * blue with 班, weekends greyed. Maintainers click a day to set it.
 */
export function YearGrid(props: { year: number; marks: Map<string, DayMark>; cell: number; onPick: ((date: string) => void) | null }) {
  const CELL = props.cell;
  const { t, i18n } = useTranslation();
  const { token } = theme.useToken();
  const heads = weekdayNames(i18n.language);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: `repeat(auto-fill, minmax(${CELL * 7 + 6}px, 1fr))`, gap: 12 }} data-testid="calendar-year-grid">
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => (
        <div key={month} style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
            {monthName(i18n.language, month)}
          </Typography.Text>
          <div role="grid" style={{ display: 'grid', gridTemplateColumns: `repeat(7, ${CELL}px)`, gap: 1, fontSize: 12 }}>
            {heads.map((h, i) => (
              <div key={h} style={{ textAlign: 'center', color: i >= 5 ? token.colorTextTertiary : token.colorTextSecondary }}>
                {h}
              </div>
            ))}
            {monthGrid(props.year, month)
              .flat()
              .map((date, i) => {
                if (!date) return <div key={`blank-${i}`} />;
                const mark = props.marks.get(date);
                const weekend = [0, 6].includes(weekdayOf(date));
                const bg = mark?.kind === 'holiday' ? token.colorErrorBg : mark?.kind === 'workday' ? token.colorInfoBg : 'transparent';
                const color = mark?.kind === 'holiday' ? token.colorError : mark?.kind === 'workday' ? token.colorInfo : weekend ? token.colorTextTertiary : token.colorText;
                const cell = (
                  <div
                    role="gridcell"
                    data-testid="calendar-day"
                    data-date={date}
                    data-kind={mark?.kind ?? (weekend ? 'weekend' : 'weekday')}
                    onClick={props.onPick ? () => props.onPick?.(date) : undefined}
                    style={{
                      position: 'relative',
                      height: CELL,
                      lineHeight: `${CELL}px`,
                      textAlign: 'center',
                      borderRadius: 4,
                      background: bg,
                      color,
                      cursor: props.onPick ? 'pointer' : 'default',
                      outline: mark?.city ? `1px dashed ${color}` : undefined,
                    }}
                  >
                    {Number(date.slice(8))}
                    {mark && <span style={{ position: 'absolute', top: -5, right: 0, fontSize: 9, lineHeight: 1 }}>{t(`calendar.kindShort.${mark.kind}`)}</span>}
                  </div>
                );
                return mark ? (
                  <Tooltip key={date} title={`${date} ${mark.name}${mark.city ? ` · ${mark.city}` : ''}`}>
                    {cell}
                  </Tooltip>
                ) : (
                  <div key={date}>{cell}</div>
                );
              })}
          </div>
        </div>
      ))}
    </div>
  );
}
