import type { RequestHandler } from 'express';
import { HttpError } from './errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF protection on top of SameSite=Strict: a state-changing request must say where it comes from
 * (the Origin header, which browsers send and pages cannot forge) and come from this app's own origin.
 */
export function requireSameOrigin(allowedOrigins: readonly string[] = []): RequestHandler {
  return (request, _response, next) => {
    if (safeMethods.has(request.method)) return next();
    const origin = request.get('origin');
    if (!origin) return next(new HttpError(403, 'origin_required', 'A change must carry an Origin header'));
    const own = `${request.protocol}://${request.get('host')}`;
    if (origin !== own && !allowedOrigins.includes(origin)) {
      return next(new HttpError(403, 'cross_origin', 'Changes are only accepted from patmap itself'));
    }
    next();
  };
}
