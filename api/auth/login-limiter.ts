import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface LoginLimits {
  /** Failed sign-ins allowed per account in the window before a lockout. */
  perAccount: number;
  /** Failed sign-ins allowed per address in the window before a lockout. */
  perAddress: number;
  windowSeconds: number;
  lockoutSeconds: number;
}

export const defaultLoginLimits: LoginLimits = {
  perAccount: 5,
  perAddress: 20,
  windowSeconds: 900,
  lockoutSeconds: 900,
};

/**
 * Counts failed sign-ins per account name and per address (existing or not, so a lockout says nothing
 * about whether an account exists) and locks both out for a while when they pass their limit.
 */
export function loginLimiter(limits: LoginLimits = defaultLoginLimits) {
  const options = { duration: limits.windowSeconds, blockDuration: limits.lockoutSeconds };
  const accounts = new RateLimiterMemory({ ...options, points: limits.perAccount, keyPrefix: 'account' });
  const addresses = new RateLimiterMemory({ ...options, points: limits.perAddress, keyPrefix: 'address' });

  const lockedFor = async (limiter: RateLimiterMemory, key: string, points: number) => {
    const state = await limiter.get(key);
    return state && state.consumedPoints >= points ? state.msBeforeNext : 0;
  };

  return {
    /** Milliseconds until this account and address may try again; 0 when they may now. */
    async lockedFor(username: string, address: string): Promise<number> {
      return Math.max(
        await lockedFor(accounts, username, limits.perAccount),
        await lockedFor(addresses, address, limits.perAddress),
      );
    },
    /** Counts an attempt before its password is checked, so parallel guesses cannot slip past the limit. */
    async attempted(username: string, address: string): Promise<void> {
      await Promise.all([accounts.penalty(username, 1), addresses.penalty(address, 1)]);
      for (const [limiter, key, points] of [
        [accounts, username, limits.perAccount],
        [addresses, address, limits.perAddress],
      ] as const) {
        const state = await limiter.get(key);
        if (state && state.consumedPoints >= points) await limiter.block(key, limits.lockoutSeconds);
      }
    },
    /** A good password: the account starts afresh, and the address gets its attempt back. */
    async succeeded(username: string, address: string): Promise<void> {
      await accounts.delete(username);
      await addresses.reward(address, 1);
    },
  };
}

export type LoginLimiter = ReturnType<typeof loginLimiter>;
