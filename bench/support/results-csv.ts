import { createRng } from '../../apps/server/src/seed/demo-data.ts';

/** The performance-results import's Chinese headers, and the COPY baseline's table columns. */
export const RESULT_COLUMNS = [
  ['工号', 'employee_no text'],
  ['周期编码', 'cycle_code text'],
  ['得分', 'score numeric'],
  ['目标', 'target numeric'],
  ['达成率', 'achievement numeric'],
  ['等级', 'grade text'],
] as const;

/**
 * `rows` results for the import bench, cycle after cycle over `employeeNos` (so every row is a new
 * result), deterministic: achievement 60–130 %, a score that follows it, target 100, the grade on
 * S/A/B/C/D by achievement. Split into files of at most `maxBytes`, each with the header.
 */
export function resultsCsv(employeeNos: readonly string[], cycleCodes: readonly string[], rows: number, maxBytes: number): Buffer[] {
  if (employeeNos.length * cycleCodes.length < rows) throw new Error(`${cycleCodes.length} cycles × ${employeeNos.length} employees hold fewer than ${rows} results`);
  const rng = createRng(20_260_107);
  const header = `${RESULT_COLUMNS.map(([h]) => h).join(',')}\n`;
  const files: Buffer[] = [];
  let lines: string[] = [];
  let size = Buffer.byteLength(header);
  const flush = () => {
    files.push(Buffer.from(header + lines.join(''), 'utf8'));
    lines = [];
    size = Buffer.byteLength(header);
  };
  for (let i = 0; i < rows; i++) {
    const achievement = 60 + rng.next() * 70;
    const grade = achievement >= 115 ? 'S' : achievement >= 105 ? 'A' : achievement >= 90 ? 'B' : achievement >= 80 ? 'C' : 'D';
    const score = Math.min(100, 40 + achievement / 2);
    // employee numbers and cycle codes are ASCII: a line's length is its size in bytes
    const line = `${employeeNos[i % employeeNos.length]},${cycleCodes[Math.floor(i / employeeNos.length)]},${score.toFixed(1)},100,${achievement.toFixed(1)},${grade}\n`;
    if (size + line.length > maxBytes) flush();
    lines.push(line);
    size += line.length;
  }
  if (lines.length > 0) flush();
  return files;
}
