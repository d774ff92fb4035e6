// The certificate authorities the laptop trusts, for every request the core makes in Node (sync,
// chat, the portal's app list, icons, account look-ups). Node trusts only its bundled Mozilla list;
// a government's private root (PKIoverheid Private Root, a ministry's own CA) reaches a laptop the
// Debian way, through /usr/local/share/ca-certificates and update-ca-certificates, and the flipped
// NODE_OPTIONS fuse makes NODE_EXTRA_CA_CERTS unusable. Adding the system's list widens trust to
// what the laptop's owner trusts; a certificate error is still never bypassed.
import tls from 'node:tls';

type Tls = typeof tls & {
  getCACertificates?: (type: 'default' | 'system' | 'bundled' | 'extra') => string[];
  setDefaultCACertificates?: (certificates: string[]) => void;
};

let trusted: number | null = null;

/** The runtime was started with --use-system-ca (the CLI executable, build/cli-executable.ts). */
const runtimeTrustsSystem = (): boolean => process.execArgv.includes('--use-system-ca');

/**
 * Adds the system's CA certificates to Node's default list for this process (once; later calls
 * return the first answer). Returns how many system certificates were found, 0 where the runtime
 * cannot read them (then Node's own list stays, as before), and -1 where the runtime was started
 * with --use-system-ca: it then trusts the same store itself and reads it only when the first TLS
 * connection is made (in C++), which saves a run against a plain-HTTP server the ~60 ms this
 * function takes and costs an HTTPS run about half of it.
 */
export function trustSystemCertificates(warn: (message: string) => void = () => undefined): number {
  if (trusted !== null) return trusted;
  if (runtimeTrustsSystem()) return (trusted = -1);
  trusted = 0;
  const api = tls as Tls;
  if (!api.getCACertificates || !api.setDefaultCACertificates) {
    warn('this runtime cannot read the system certificate store; only the built-in authorities are trusted');
    return trusted;
  }
  try {
    const system = api.getCACertificates('system');
    // 'default' is the bundled list plus NODE_EXTRA_CA_CERTS where a plain Node reads it.
    if (system.length) api.setDefaultCACertificates([...new Set([...api.getCACertificates('default'), ...system])]);
    trusted = system.length;
  } catch (error) {
    warn(`the system certificate store could not be read (${(error as Error).message}); only the built-in authorities are trusted`);
  }
  return trusted;
}
