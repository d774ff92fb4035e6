// A real xrdp + xrdp-sesman on loopback for the FreeRDP sign-in test, with a throw-away config
// (free port, own certificate, logs in a temp folder), a local test user with a fresh random
// password, and an Xvfb display (xfreerdp opens one even with +auth-only). Needs root (sesman
// authenticates through PAM; useradd/chpasswd). `missing()` says why it cannot run here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreeRdp } from '../../../electron/core/remote-apps/rdp-client.ts';

export const testUser = 'werkplek-rdp-test';
const sesmanPort = 3350; // xrdp 0.9 reads sesman's port from /etc/xrdp/sesman.ini: the default

const onPath = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/** Nobody listens on the port, on 127.0.0.1 or ::1 (sesman binds ::1 for "127.0.0.1" where it can). */
async function portFree(port: number): Promise<boolean> {
  const free = await Promise.all(['127.0.0.1', '::1'].map((host) => portFreeOn(host, port)));
  return free.every(Boolean);
}

async function portFreeOn(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection({ host, port }, () => {
      probe.destroy();
      resolve(false);
    });
    probe.on('error', () => resolve(true));
  });
}

export async function missing(): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'not root (xrdp-sesman signs in through PAM; the test user is made with useradd)';
  for (const path of ['/usr/sbin/xrdp', '/usr/sbin/xrdp-sesman', '/etc/xrdp/xrdp.ini', '/etc/xrdp/sesman.ini']) if (!existsSync(path)) return `${path} is missing (apt-get install xrdp)`;
  if (!findFreeRdp()) return 'neither xfreerdp3 nor xfreerdp is on PATH (apt-get install freerdp2-x11)';
  for (const tool of ['Xvfb', 'openssl', 'useradd', 'chpasswd']) if (!onPath(tool)) return `${tool} is not on PATH`;
  if (!(await portFree(sesmanPort))) return `port ${sesmanPort} (xrdp-sesman) is in use by another sesman`;
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface XrdpServer {
  port: number;
  display: string;
  password: string;
  /** SHA-256 of the server certificate, AA:BB:… (the catalog's certificateFingerprint). */
  fingerprint: string;
  dir: string;
  sesmanLog(): string;
  stop(): Promise<void>;
}

export async function startXrdp(): Promise<XrdpServer> {
  const dir = mkdtempSync(join(tmpdir(), 'werkplek-xrdp-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    for (const child of children.reverse()) if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.all(children.map((child) => (child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : null)));
    rmSync(dir, { recursive: true, force: true });
    // No usable account is left behind: removed, or (while sesman's session still runs as it) locked.
    if (spawnSync('userdel', [testUser]).status !== 0) spawnSync('usermod', ['-L', testUser]);
  };
  try {
    if (spawnSync('id', [testUser]).status !== 0) {
      const made = spawnSync('useradd', ['-M', '-s', '/usr/sbin/nologin', testUser], { encoding: 'utf8' });
      if (made.status !== 0) throw new Error(`useradd: ${made.stderr}`);
    }
    const password = `Wp-${randomBytes(12).toString('base64url')}`;
    const set = spawnSync('chpasswd', [], { input: `${testUser}:${password}\n`, encoding: 'utf8' });
    if (set.status !== 0) throw new Error(`chpasswd: ${set.stderr}`);

    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`);
    const fingerprint = new X509Certificate(readFileSync(cert)).fingerprint256;

    const port = await freePort();
    const xrdpIni = readFileSync('/etc/xrdp/xrdp.ini', 'utf8')
      .replace(/^port=.*$/m, `port=tcp://127.0.0.1:${port}`)
      .replace(/^fork=.*$/m, 'fork=false')
      .replace(/^certificate=.*$/m, `certificate=${cert}`)
      .replace(/^key_file=.*$/m, `key_file=${key}`)
      .replace(/^LogFile=.*$/m, `LogFile=${join(dir, 'xrdp.log')}`)
      .replace(/^EnableSyslog=.*$/gm, 'EnableSyslog=false');
    writeFileSync(join(dir, 'xrdp.ini'), xrdpIni);
    const sesmanIni = readFileSync('/etc/xrdp/sesman.ini', 'utf8')
      .replace(/^LogFile=xrdp-sesman\.log$/m, `LogFile=${join(dir, 'sesman.log')}`)
      .replace(/^EnableSyslog=.*$/gm, 'EnableSyslog=false');
    writeFileSync(join(dir, 'sesman.ini'), sesmanIni);

    const xvfb = spawn('Xvfb', ['-displayfd', '1', '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(xvfb);
    const display = await new Promise<string>((resolve, reject) => {
      let text = '';
      xvfb.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(`:${text.trim()}`);
      });
      xvfb.once('exit', () => reject(new Error('Xvfb exited')));
    });
    children.push(spawn('/usr/sbin/xrdp-sesman', ['--nodaemon', '--config', join(dir, 'sesman.ini')], { stdio: 'ignore' }));
    await waitFor(async () => !(await portFree(sesmanPort)), 'xrdp-sesman');
    children.push(spawn('/usr/sbin/xrdp', ['--nodaemon', '--config', join(dir, 'xrdp.ini')], { stdio: 'ignore' }));
    await waitFor(async () => !(await portFree(port)), 'xrdp');
    const sesmanLog = () => (existsSync(join(dir, 'sesman.log')) ? readFileSync(join(dir, 'sesman.log'), 'utf8') : '');
    return { port, display, password, fingerprint, dir, sesmanLog, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export { waitFor };
