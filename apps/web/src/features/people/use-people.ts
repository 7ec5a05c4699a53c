import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { delegateCandidatesSchema, employeeDetailSchema, peoplePageSchema, type ChangeEmployee, type CreateEmployee, type EmployeeRow } from '@uplift/contract';
import { useApi } from '../../app/api-context.tsx';
import { changeEmployeeResponseSchema, createdSchema, issuedAccountSchema, openWorkSchema, provisionResponseSchema, reassignReportsResponseSchema, type OpenWork } from '@uplift/contract';
import { orgKeys } from '../org/use-org.ts';

export type { EmployeeDetail, EmployeeRow } from '@uplift/contract';
export type EmployeeStatus = EmployeeRow['status'];
export type PeopleSort = 'employeeNo' | 'name' | 'hireDate';
export type PeopleFilters = { unitId: string | null; status: EmployeeStatus | null; q: string; sort: PeopleSort };

export const peopleKeys = {
  all: ['people'] as const,
  lists: ['people', 'list'] as const,
  list: (f: PeopleFilters) => ['people', 'list', f] as const,
  search: (q: string, unitId: string | null = null) => ['people', 'search', q, unitId] as const,
  detail: (id: string) => ['people', 'detail', id] as const,
  handover: (id: string) => ['people', 'handover', id] as const,
};

const PAGE_SIZE = 50;

/** The people the caller may see under the filters, a page at a time, with the total. */
export function usePeople(filters: PeopleFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: peopleKeys.list(filters),
    queryFn: ({ pageParam }) =>
      api.get('/api/people', peoplePageSchema, { unitId: filters.unitId, status: filters.status, q: filters.q.trim() || null, sort: filters.sort, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // typing in the search box keeps the old rows on screen until the new ones arrive
    placeholderData: keepPreviousData,
  });
}

/** Up to 20 people matching a name or employee number (within `unitId`'s subtree when given), for pickers. */
/** Who may take over the caller's approvals (their company's colleagues with an account), by name or employee number. */
export function useDelegateSearch(q: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['pips', 'delegates', q] as const,
    queryFn: async () => (await api.get('/api/pips/delegates', delegateCandidatesSchema, { q: q.trim() || null, limit: 20 })).items,
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function usePeopleSearch(q: string, enabled = true, unitId: string | null = null) {
  const api = useApi();
  return useQuery({
    queryKey: peopleKeys.search(q, unitId),
    queryFn: async () => (await api.get('/api/people', peoplePageSchema, { q: q.trim() || null, unitId, limit: 20 })).items,
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** One person's record; 404 outside the caller's scope. */
export function usePerson(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: peopleKeys.detail(id),
    queryFn: () => api.get(`/api/people/${encodeURIComponent(id)}`, employeeDetailSchema),
  });
}

/** Hires a person (HR in scope); answers the new id. */
export function useCreateEmployee() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEmployee) => api.post('/api/people', createdSchema, body),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: peopleKeys.all }), qc.invalidateQueries({ queryKey: orgKeys.tree })]),
  });
}

/**
 * A job change. When it makes the person leave, the answer lists their open work, which is kept
 * as the handover query's data so the page shows it at once.
 */
export function useChangeEmployee(id: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangeEmployee) => api.post(`/api/people/${encodeURIComponent(id)}/changes`, changeEmployeeResponseSchema, body),
    onSuccess: async (res) => {
      if (res.openWork) qc.setQueryData<OpenWork>(peopleKeys.handover(id), res.openWork);
      await Promise.all([
        qc.invalidateQueries({ queryKey: peopleKeys.detail(id) }),
        qc.invalidateQueries({ queryKey: peopleKeys.lists }),
        qc.invalidateQueries({ queryKey: orgKeys.tree }),
      ]);
    },
  });
}

/** What a leaver still holds (reports, units led, HRBP duties); HR in scope only. */
export function useHandover(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: peopleKeys.handover(id),
    queryFn: () => api.get(`/api/people/${encodeURIComponent(id)}/handover`, openWorkSchema),
    enabled,
  });
}

export type ReassignReports = { newManagerId: string; effectiveDate: string; reason: string };

/** Moves all of a person's reports to a new manager. */
export function useReassignReports(id: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ReassignReports) => api.post(`/api/people/${encodeURIComponent(id)}/handover/reports`, reassignReportsResponseSchema, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: peopleKeys.all }),
  });
}

/** Issues sign-in accounts to people (HR in scope); the one-time passwords are in this answer only. */
export function useProvisionAccounts() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (employeeIds: readonly string[]) => api.post('/api/people/accounts', provisionResponseSchema, { employeeIds }),
    onSettled: () => qc.invalidateQueries({ queryKey: peopleKeys.all }),
  });
}

/** Resets a person's password to a one-time one; their sessions end. */
export function useResetAccount(id: string) {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/api/people/${encodeURIComponent(id)}/account/reset`, issuedAccountSchema),
    onSettled: () => qc.invalidateQueries({ queryKey: peopleKeys.detail(id) }),
  });
}
