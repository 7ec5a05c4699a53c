import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { AccountPage } from '../features/auth/account.page.tsx';
import { LoginPage } from '../features/auth/login.page.tsx';
import { RequireRole, RequireSession } from '../features/auth/require-session.tsx';
import { InboxPage } from '../features/inbox/inbox.page.tsx';
import { AppLayout } from './app-layout.tsx';
import { NotFoundPage } from './not-found.page.tsx';

// administration is for few users: loaded on first visit, keeping the phone bundle smaller
const UsersPage = lazy(() => import('../features/admin/users.page.tsx').then((m) => ({ default: m.UsersPage })));
const SystemPage = lazy(() => import('../features/admin/system.page.tsx').then((m) => ({ default: m.SystemPage })));

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
        { path: 'account', element: <AccountPage /> },
        {
          path: 'admin/users',
          element: (
            <RequireRole role="sys_admin">
              <UsersPage />
            </RequireRole>
          ),
        },
        {
          path: 'admin/system',
          element: (
            <RequireRole role="sys_admin">
              <SystemPage />
            </RequireRole>
          ),
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
