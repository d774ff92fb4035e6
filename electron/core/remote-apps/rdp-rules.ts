// What each value of a remote-app entry may contain. Every value becomes (part of) one argument of
// FreeRDP's command line, so anything FreeRDP could read as an option of its own is refused here,
// never passed on: a leading / + or -, line breaks and other control characters, commas (FreeRDP 3
// splits sub-options at them), and host names that are not host names. The policy check, the
// catalog and the argument builder (rdp-arguments.ts) all use these rules.
import type { RdpSettings } from './rdp-schema.ts';

export interface RdpProblem {
  /** Where in the catalog entry (for the policy check's file:line:column). */
  path: Array<string | number>;
  en: string;
  nl: string;
}

export interface RdpTarget {
  host: string;
  port: number | null;
}

/** The catalog entry fields these rules look at. */
export interface RemoteEntryFields {
  kind?: string | undefined;
  url: string;
  rdp?: RdpSettings | undefined;
}

export const isRemoteApp = (app: { kind?: string | undefined }): boolean => app.kind === 'remote-app';

const label = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const hostNamePattern = new RegExp(`^(?=.{1,253}$)${label}(?:\\.${label})*$`);
const controlCharacters = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const optionStart = /^[/+-]/;

export function isHostName(value: string): boolean {
  return hostNamePattern.test(value);
}

const problem = (path: Array<string | number>, en: string, nl: string): RdpProblem => ({ path, en, nl });

/** A value FreeRDP must read as a value: no control characters, no leading / + -, no comma. */
export function plainValueProblem(path: Array<string | number>, value: string): RdpProblem | null {
  if (controlCharacters.test(value)) return problem(path, 'may not contain line breaks or other control characters', 'mag geen regeleinden of andere stuurtekens bevatten');
  if (optionStart.test(value)) return problem(path, 'may not start with /, + or - (FreeRDP would read it as an option)', 'mag niet met /, + of - beginnen (FreeRDP zou het als optie lezen)');
  if (value.includes(',')) return problem(path, 'may not contain a comma', 'mag geen komma bevatten');
  return null;
}

/** rdp://host[:port] and nothing else: no user, password, path, query or fragment. */
export function rdpTarget(url: string): { ok: true; target: RdpTarget } | { ok: false; problem: RdpProblem } {
  const refused = (en: string, nl: string) => ({ ok: false as const, problem: problem(['url'], en, nl) });
  const parsed = URL.parse(url);
  if (!parsed || parsed.protocol !== 'rdp:') return refused('a remote app\'s url must be rdp://host or rdp://host:port', 'de url van een externe app moet rdp://host of rdp://host:poort zijn');
  if (parsed.username || parsed.password) return refused('a remote app\'s url may not contain a user name or password', 'de url van een externe app mag geen gebruikersnaam of wachtwoord bevatten');
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search || parsed.hash) return refused('a remote app\'s url is rdp://host[:port] only (no path, query or #)', 'de url van een externe app is alleen rdp://host[:poort] (geen pad, query of #)');
  if (!isHostName(parsed.hostname)) return refused(`"${parsed.hostname}" is not a host name`, `"${parsed.hostname}" is geen hostnaam`);
  return { ok: true, target: { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : null } };
}

const programPattern = /^(?:\|\|[A-Za-z0-9 _.()-]{1,64}|(?:[A-Za-z]:|%[A-Za-z_]+%)\\[^"<>|*?]{1,250})$/;
const domainPattern = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,253}[A-Za-z0-9])?$/;
const fingerprintPattern = /^(?:[0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$|^[0-9A-Fa-f]{64}$/;

/** The first problem of the person's (or the policy's) user name; null when FreeRDP may get it. */
export function userNameProblem(value: string, path: Array<string | number> = ['rdp', 'username']): RdpProblem | null {
  return plainValueProblem(path, value) ?? (value.trim() === '' ? problem(path, 'is empty', 'is leeg') : null);
}

function settingsProblem(rdp: RdpSettings): RdpProblem | null {
  const at = (...path: Array<string | number>) => ['rdp', ...path];
  if (rdp.program !== undefined) {
    const bad = plainValueProblem(at('program'), rdp.program);
    if (bad) return bad;
    if (!programPattern.test(rdp.program)) return problem(at('program'), 'must be ||Alias (a published RemoteApp) or a Windows path such as C:\\Program Files\\App\\app.exe', 'moet ||Alias (een gepubliceerde RemoteApp) of een Windows-pad zoals C:\\Program Files\\App\\app.exe zijn');
  }
  if (rdp.domain !== undefined) {
    const bad = plainValueProblem(at('domain'), rdp.domain);
    if (bad) return bad;
    if (!domainPattern.test(rdp.domain)) return problem(at('domain'), 'must be a domain name (letters, digits, dots, dashes)', 'moet een domeinnaam zijn (letters, cijfers, punten, streepjes)');
  }
  if (rdp.username !== undefined) {
    const bad = userNameProblem(rdp.username);
    if (bad) return bad;
  }
  if (rdp.gateway && !isHostName(rdp.gateway.host)) return problem(at('gateway', 'host'), `"${rdp.gateway.host}" is not a host name`, `"${rdp.gateway.host}" is geen hostnaam`);
  if (rdp.certificateFingerprint !== undefined && !fingerprintPattern.test(rdp.certificateFingerprint)) {
    return problem(at('certificateFingerprint'), 'must be a SHA-256 fingerprint: 64 hex digits (colons between pairs allowed)', 'moet een SHA-256-vingerafdruk zijn: 64 hexadecimale tekens (dubbele punten tussen paren mogen)');
  }
  return null;
}

/** The first problem of a catalog entry as a remote app (or of an `rdp` section where none belongs); null when none. */
export function remoteEntryProblem(app: RemoteEntryFields): RdpProblem | null {
  if (!isRemoteApp(app)) return app.rdp ? problem(['rdp'], 'only an app of kind "remote-app" has an rdp section', 'alleen een app van soort "remote-app" heeft een rdp-sectie') : null;
  const target = rdpTarget(app.url);
  if (!target.ok) return target.problem;
  return app.rdp ? settingsProblem(app.rdp) : null;
}
