import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import type { SignedInUser } from '../api.ts';
import { SignOutButton } from '../SignOutButton.tsx';

/** What an admin sees: admins manage accounts and the audit log, not the people, so there is no chart. */
export function AdminArea({ user }: { user: SignedInUser }) {
  const location = useLocation();
  if (location.pathname !== '/accounts') return <Navigate to="/accounts" replace />;
  return (
    <div className="app admin">
      <header>
        <h1>patmap</h1>
        <nav aria-label="Administration" className="admin-nav">
          <NavLink to="/accounts">Accounts</NavLink>
        </nav>
        <p className="user" data-testid="user">
          {user.username} ({user.role}) <SignOutButton />
        </p>
      </header>
      <main className="admin-main">
        <Outlet />
      </main>
    </div>
  );
}
