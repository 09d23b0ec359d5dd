import type { Request } from 'express';

export const sessionCookieName = 'patmap_session';

/** The session token from the request's cookie header, if any. */
export function readSessionToken(request: Request): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === sessionCookieName) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined; // a malformed cookie is no session: 401, not 500
      }
    }
  }
  return undefined;
}

/** HttpOnly, SameSite=Strict, Secure over TLS; a session cookie (gone when the browser closes). */
export function sessionCookie(token: string, secure: boolean): string {
  return [
    `${sessionCookieName}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    secure ? 'Secure' : '',
  ]
    .filter(Boolean)
    .join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return `${sessionCookie('', secure)}; Max-Age=0`;
}
