import { NavLink, Outlet } from 'react-router';
import type { SignedInUser } from '../api.ts';
import { SignOutButton } from '../SignOutButton.tsx';
import { groupPages } from './pages.tsx';

/** The operations group's area: its own header and navigation, and the page the URL names; no chart behind it. */
export function GroupLayout({ user }: { user: SignedInUser }) {
  const pages = groupPages.filter((page) => page.label && user.permissions.includes(page.permission));
  return (
    <div className="group-area">
      <header>
        <h1>patmap</h1>
        <nav aria-label="Operations group" className="group-nav">
          {pages.map((page) => (
            <NavLink key={page.path} to={`/group${page.path ? `/${page.path}` : ''}`} end={page.path === ''}>
              {page.label}
            </NavLink>
          ))}
          <NavLink to="/">Network chart</NavLink>
        </nav>
        <p className="user" data-testid="user">
          {user.username} ({user.role}) <SignOutButton />
        </p>
      </header>
      <main className="group-page">
        <Outlet />
      </main>
    </div>
  );
}
