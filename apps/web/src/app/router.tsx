import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AccountPage } from '../features/auth/account.page.tsx';
import { LoginPage } from '../features/auth/login.page.tsx';
import { RequireRole, RequireSession } from '../features/auth/require-session.tsx';
import { grantAdminRoles, hrRoles } from '../features/auth/session.ts';
import { templateReaderRoles } from '../features/templates/template-roles.ts';
import { policyReaderRoles } from '../features/policies/policies.ts';
import { InboxPage } from '../features/inbox/inbox.page.tsx';
import { AppLayout } from './app-layout.tsx';
import { NotFoundPage } from './not-found.page.tsx';

// loaded on first visit, keeping the phone bundle for the inbox small
const OrgPage = lazy(() => import('../features/org/org.page.tsx').then((m) => ({ default: m.OrgPage })));
const PeoplePage = lazy(() => import('../features/people/people.page.tsx').then((m) => ({ default: m.PeoplePage })));
const PersonPage = lazy(() => import('../features/people/person.page.tsx').then((m) => ({ default: m.PersonPage })));
const ImportsPage = lazy(() => import('../features/imports/imports.page.tsx').then((m) => ({ default: m.ImportsPage })));
const ImportBatchPage = lazy(() => import('../features/imports/import-batch.page.tsx').then((m) => ({ default: m.ImportBatchPage })));
// performance data, trigger rules and candidates: one chunk with ECharts, loaded on first visit
const PerformanceFilePage = lazy(() => import('../features/performance/performance-file.page.tsx').then((m) => ({ default: m.PerformanceFilePage })));
const CandidatesPage = lazy(() => import('../features/performance/candidates.page.tsx').then((m) => ({ default: m.CandidatesPage })));
const RulesPage = lazy(() => import('../features/performance/rules.page.tsx').then((m) => ({ default: m.RulesPage })));
const CalendarPage = lazy(() => import('../features/calendar/calendar.page.tsx').then((m) => ({ default: m.CalendarPage })));
const CyclesPage = lazy(() => import('../features/performance/cycles.page.tsx').then((m) => ({ default: m.CyclesPage })));
const PipsPage = lazy(() => import('../features/pip/pips.page.tsx').then((m) => ({ default: m.PipsPage })));
// 工作台: what the WeCom app menu opens on a phone
const WorkbenchPage = lazy(() => import('../features/mobile/workbench.page.tsx').then((m) => ({ default: m.WorkbenchPage })));
const PipPage = lazy(() => import('../features/pip/pip.page.tsx').then((m) => ({ default: m.PipPage })));
const TemplatesPage = lazy(() => import('../features/templates/templates.page.tsx').then((m) => ({ default: m.TemplatesPage })));
// policies (制度): HR administration, and every employee's "my policies" and Q&A
const PoliciesPage = lazy(() => import('../features/policies/policies.page.tsx').then((m) => ({ default: m.PoliciesPage })));
const PolicyVersionPage = lazy(() => import('../features/policies/policy-version.page.tsx').then((m) => ({ default: m.PolicyVersionPage })));
const MyPoliciesPage = lazy(() => import('../features/policies/my-policies.page.tsx').then((m) => ({ default: m.MyPoliciesPage })));
const PolicyQaPage = lazy(() => import('../features/policies/policy-qa.page.tsx').then((m) => ({ default: m.PolicyQaPage })));
// administration is for few users
const UsersPage = lazy(() => import('../features/admin/users.page.tsx').then((m) => ({ default: m.UsersPage })));
const SystemPage = lazy(() => import('../features/admin/system.page.tsx').then((m) => ({ default: m.SystemPage })));
const GrantsPage = lazy(() => import('../features/access/grants.page.tsx').then((m) => ({ default: m.GrantsPage })));
const IntegrationPage = lazy(() => import('../features/integration/integration.page.tsx').then((m) => ({ default: m.IntegrationPage })));

/** The app's routes: /login outside the shell, everything else behind a session. */
export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      path: '/',
      element: (
        <RequireSession>
          <AppLayout />
        </RequireSession>
      ),
      children: [
        { index: true, element: <Navigate to="/inbox" replace /> },
        { path: 'inbox', element: <InboxPage /> },
        { path: 'm', element: <WorkbenchPage /> },
        { path: 'account', element: <AccountPage /> },
        { path: 'org', element: <OrgPage /> },
        { path: 'people', element: <PeoplePage /> },
        { path: 'people/:id', element: <PersonPage /> },
        { path: 'people/:id/performance', element: <PerformanceFilePage /> },
        // HR in scope and managers (for their reports): the page and the server decide what each sees
        { path: 'candidates', element: <CandidatesPage /> },
        // improvement plans: everyone (the employee sees their own; the server decides)
        { path: 'pips', element: <PipsPage /> },
        { path: 'pips/:id', element: <PipPage /> },
        {
          path: 'rules',
          element: (
            <RequireRole roles={hrRoles}>
              <RulesPage />
            </RequireRole>
          ),
        },
        {
          path: 'cycles',
          element: (
            <RequireRole roles={hrRoles}>
              <CyclesPage />
            </RequireRole>
          ),
        },
        // everyone may read the holiday calendar; sys_admin and group HR keep it
        { path: 'calendar', element: <CalendarPage /> },
        // HR roles and auditors read the templates; group HR and the HR of a unit write (the server decides)
        {
          path: 'templates',
          element: (
            <RequireRole roles={templateReaderRoles}>
              <TemplatesPage />
            </RequireRole>
          ),
        },
        {
          path: 'policies',
          element: (
            <RequireRole roles={policyReaderRoles}>
              <PoliciesPage />
            </RequireRole>
          ),
        },
        {
          path: 'policies/versions/:id',
          element: (
            <RequireRole roles={policyReaderRoles}>
              <PolicyVersionPage />
            </RequireRole>
          ),
        },
        { path: 'policies/:ownerId/qa', element: <PolicyQaPage /> },
        { path: 'my/policies', element: <MyPoliciesPage /> },
        { path: 'my/policies/:id', element: <MyPoliciesPage /> },
        // who may import what is the server's answer (GET /api/imports/types), shown on the page
        { path: 'imports', element: <ImportsPage /> },
        { path: 'imports/:id', element: <ImportBatchPage /> },
        {
          path: 'admin/grants',
          element: (
            <RequireRole roles={grantAdminRoles}>
              <GrantsPage />
            </RequireRole>
          ),
        },
        {
          path: 'admin/integration',
          element: (
            <RequireRole roles={grantAdminRoles}>
              <IntegrationPage />
            </RequireRole>
          ),
        },
        {
          path: 'admin/users',
          element: (
            <RequireRole roles={['sys_admin']}>
              <UsersPage />
            </RequireRole>
          ),
        },
        {
          path: 'admin/system',
          element: (
            <RequireRole roles={['sys_admin']}>
              <SystemPage />
            </RequireRole>
          ),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
