import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDelegateSearch, usePeopleSearch } from './use-people.ts';

/** `value` after it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export type PersonOption = { id: string; name: string; employeeNo?: string };

/**
 * Picks a person by name or employee number, searching the people the caller may see.
 * `current` names the selected person before any search has found them.
 */
export function PersonSelect(props: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  current?: PersonOption | null;
  exclude?: readonly string[];
  allowClear?: boolean;
  placeholder?: string;
  testId?: string;
  id?: string;
  /** Search only the people of this unit (and below). */
  unitId?: string;
  /** `delegates`: who may take over the caller's approvals (their company's colleagues with an account), not only the people they may see. */
  source?: 'people' | 'delegates';
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(search, 250);
  const delegates = props.source === 'delegates';
  const people = usePeopleSearch(q, open && !delegates, props.unitId ?? null);
  const colleagues = useDelegateSearch(q, open && delegates);
  const found = delegates ? colleagues : people;
  const options = (found.data ?? [])
    .filter((p) => !props.exclude?.includes(p.id))
    .map((p) => ({ value: p.id, label: `${p.name} · ${p.employeeNo}`, title: `${p.name} · ${p.employeeNo} · ${p.unitName}` }));
  const current = props.current;
  if (current && !options.some((o) => o.value === current.id)) {
    options.unshift({ value: current.id, label: current.employeeNo ? `${current.name} · ${current.employeeNo}` : current.name, title: current.name });
  }

  return (
    <Select<string>
      id={props.id}
      value={props.value ?? undefined}
      onChange={(v) => props.onChange?.(v ?? null)}
      onClear={() => props.onChange?.(null)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={setOpen}
      allowClear={props.allowClear}
      placeholder={props.placeholder ?? t('people.pickPerson')}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('app.loading') : t('people.noOne')}
      style={{ width: '100%' }}
      data-testid={props.testId}
    />
  );
}

export type PersonValue = { value: string; label: string };

/** Picks several people (value and label together, so chosen names stay shown between searches). */
export function PeopleMultiSelect(props: { value?: PersonValue[]; onChange?: (v: PersonValue[]) => void; placeholder?: string; testId?: string; id?: string; maxCount?: number }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(search, 250);
  const found = usePeopleSearch(q, open);
  const options = (found.data ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.employeeNo}`, title: `${p.name} · ${p.employeeNo} · ${p.unitName}` }));

  return (
    <Select<PersonValue[]>
      id={props.id}
      mode="multiple"
      labelInValue
      value={props.value ?? []}
      onChange={(v) => props.onChange?.(v.map((o) => ({ value: o.value, label: String(o.label) })))}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onOpenChange={setOpen}
      maxCount={props.maxCount}
      placeholder={props.placeholder ?? t('people.pickPerson')}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('app.loading') : t('people.noOne')}
      style={{ width: '100%' }}
      data-testid={props.testId}
    />
  );
}
