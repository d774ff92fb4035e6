// What FreeRDP's exit status means for the person (xfreerdp's XF_EXIT_* codes, the same in 2 and 3).
export type RdpExitReason = 'closed' | 'auth-failed' | 'password-expired' | 'account' | 'connect-failed' | 'failed';

const reasons: Record<number, RdpExitReason> = {
  0: 'closed', // the session ended normally
  1: 'closed', // disconnected by the server (or another sign-in took over)
  2: 'closed', // logged off
  11: 'closed', // the person closed the window
  10: 'auth-failed', // fresh credentials required
  132: 'auth-failed',
  134: 'auth-failed',
  154: 'auth-failed', // wrong password
  159: 'auth-failed', // no or missing credentials
  148: 'password-expired',
  149: 'password-expired',
  152: 'password-expired',
  135: 'account', // locked out
  151: 'account', // disabled
  155: 'account', // access denied
  156: 'account',
  157: 'account', // expired
  158: 'account', // logon type not granted
  131: 'connect-failed',
  133: 'connect-failed',
  139: 'connect-failed', // DNS
  140: 'connect-failed',
  141: 'connect-failed',
  143: 'connect-failed', // TLS (also an untrusted certificate)
  147: 'connect-failed',
  150: 'connect-failed', // KDC unreachable
};

export function exitReason(code: number | null): RdpExitReason {
  return code === null ? 'failed' : (reasons[code] ?? 'failed');
}

/** A kept password is forgotten after these (the next start asks again). */
export const forgetsPassword = (reason: RdpExitReason): boolean => reason === 'auth-failed' || reason === 'password-expired';
