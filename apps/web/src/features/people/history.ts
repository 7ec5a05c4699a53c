/** The job-history fields in the order a person reads them; others follow alphabetically. */
export const historyFields = ['unitId', 'managerId', 'position', 'grade', 'status'] as const;
export type HistoryField = (typeof historyFields)[number];

export function isHistoryField(f: string): f is HistoryField {
  return (historyFields as readonly string[]).includes(f);
}

/** How ids and codes in a change become words; null where the name is not known here. */
export type ChangeNames = {
  unit(id: string): string | null;
  person(id: string): string | null;
  status(code: string): string;
};

/** One changed field: `from` is null for a first value (hire), `to` null for a cleared one. */
export type ChangeLine = { field: string; from: string | null; to: string | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function display(field: string, v: unknown, names: ChangeNames): string | null {
  if (v === null || v === undefined || v === '') return null;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  const id = UUID.test(s) ? s : null;
  // an id we cannot name is shown by its first block, which is enough to tell two apart
  if (field === 'unitId' && id) return names.unit(id) ?? `#${id.slice(0, 8)}`;
  if (field === 'managerId' && id) return names.person(id) ?? `#${id.slice(0, 8)}`;
  if (field === 'status') return names.status(s);
  return s;
}

/**
 * The changes of one job-history entry as lines a person can read ("职级 P5 → P6"): a fixed
 * field order, unit and manager ids as names where known, unchanged fields left out.
 */
export function changeLines(changes: Record<string, { from: unknown; to: unknown }>, names: ChangeNames): ChangeLine[] {
  const rank = (f: string) => (isHistoryField(f) ? historyFields.indexOf(f) : historyFields.length);
  return Object.keys(changes)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((field) => {
      const c = changes[field]!;
      return { field, from: display(field, c.from, names), to: display(field, c.to, names) };
    })
    .filter((l) => l.from !== l.to);
}
