// FreeRDP's command line for one remote-app entry. Built as an argument list (never a shell line),
// from typed settings only, after the rules of rdp-rules.ts: a value that could be read as an
// option is refused with RdpArgumentError, never passed on. No secret is ever an argument: the
// password goes to FreeRDP's standard input (`/from-stdin:force`, rdp-launcher.ts) or, with
// single sign-on, nowhere. FreeRDP 2 (`xfreerdp`) and 3 (`xfreerdp3`) spell a few options apart.
import { rdpSettingsSchema, type RdpSettings } from './rdp-schema.ts';
import { plainValueProblem, rdpTarget, remoteEntryProblem, userNameProblem, type RdpProblem, type RemoteEntryFields } from './rdp-rules.ts';

export type FreeRdpDialect = 2 | 3;

export interface RemoteAppEntry extends RemoteEntryFields {
  id: string;
  name: string;
}

export interface RdpArgumentOptions {
  dialect: FreeRdpDialect;
  /** The user name to sign in with (the person's or the policy's); null: none given (single sign-on). */
  username: string | null;
  /** True: FreeRDP reads the password from its standard input before it connects. */
  passwordFromStdin: boolean;
  /** Sign in and quit (`+auth-only`): for checks and tests. */
  authOnly?: boolean;
}

export class RdpArgumentError extends Error {
  readonly problem: RdpProblem;
  constructor(problem: RdpProblem) {
    super(`${problem.path.join('.')}: ${problem.en}`);
    this.name = 'RdpArgumentError';
    this.problem = problem;
  }
}

const refuse = (problem: RdpProblem | null) => {
  if (problem) throw new RdpArgumentError(problem);
};

/** aa:bb:… in lower case, the form FreeRDP compares with. */
export function fingerprintArgument(fingerprint: string): string {
  const hex = fingerprint.replaceAll(':', '').toLowerCase();
  return `sha256:${hex.match(/../g)!.join(':')}`;
}

function gatewayArguments(gateway: NonNullable<RdpSettings['gateway']>, dialect: FreeRdpDialect): string[] {
  const address = gateway.port ? `${gateway.host}:${gateway.port}` : gateway.host;
  // Without a gateway user FreeRDP signs in to the gateway with the same credentials as to the host.
  if (dialect === 3) return [`/gateway:g:${address}${gateway.transport ? `,type:${gateway.transport}` : ''}`];
  return [`/g:${address}`, ...(gateway.transport ? [`/gt:${gateway.transport}`] : [])];
}

function optionArguments(rdp: RdpSettings, desktop: boolean): string[] {
  const args: string[] = [];
  if (rdp.security) args.push(`/sec:${rdp.security}`);
  if (rdp.certificateFingerprint) args.push(`/cert:fingerprint:${fingerprintArgument(rdp.certificateFingerprint)}`);
  if (desktop && rdp.fullscreen) args.push('/f');
  if (desktop) args.push('/dynamic-resolution');
  if (rdp.multimon) args.push('/multimon');
  args.push(rdp.clipboard ? '+clipboard' : '-clipboard');
  if (rdp.audio) args.push('/sound');
  if (rdp.homeDrive) args.push('+home-drive');
  return args;
}

/** The arguments after the program name. Throws RdpArgumentError for a value that may not be passed. */
export function rdpArguments(app: RemoteAppEntry, options: RdpArgumentOptions): string[] {
  refuse(remoteEntryProblem(app));
  const target = rdpTarget(app.url);
  if (!target.ok) throw new RdpArgumentError(target.problem);
  const rdp = rdpSettingsSchema.parse(app.rdp ?? {});
  if (options.username !== null) refuse(userNameProblem(options.username, ['username']));
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(app.id)) refuse({ path: ['id'], en: 'use 1–40 lowercase letters, digits or dashes', nl: 'gebruik 1–40 kleine letters, cijfers of streepjes' });
  const title = app.name;
  if (/[\u0000-\u001f\u007f]/.test(title)) refuse({ path: ['name'], en: 'may not contain line breaks or other control characters', nl: 'mag geen regeleinden of andere stuurtekens bevatten' });

  const args = [`/v:${target.target.host}`];
  if (target.target.port !== null) args.push(`/port:${target.target.port}`);
  if (options.username !== null) args.push(`/u:${options.username}`);
  if (rdp.domain) args.push(`/d:${rdp.domain}`);
  if (options.passwordFromStdin) args.push('/from-stdin:force');
  if (rdp.gateway) args.push(...gatewayArguments(rdp.gateway, options.dialect));
  if (rdp.program) {
    refuse(plainValueProblem(['rdp', 'program'], rdp.program));
    args.push(options.dialect === 3 ? `/app:program:${rdp.program}` : `/app:${rdp.program}`);
  } else args.push(`/t:${title}`);
  args.push(...optionArguments(rdp, !rdp.program));
  // The window's class names it as this app's (desktop launchers and window lists group by it).
  args.push(`/wm-class:werkplek-${app.id}`, '/log-level:WARN');
  if (options.authOnly) args.push('+auth-only');
  return args;
}
