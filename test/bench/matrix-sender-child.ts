// Child process of matrix-notify.bench.ts: bob's Element (a real matrix-js-sdk client with Rust
// crypto) in a process of its own, so its encryption work does not share an event loop with the
// test homeserver whose answers the notifier's latency depends on. Reads one JSON command per line
// on stdin ({cmd: 'join', roomId, userIds} | {cmd: 'knows', userId, deviceIds} | {cmd: 'send',
// roomId, body}) and answers each with one JSON line ({ok: true, eventId?}).
import { createInterface } from 'node:readline';
import { CryptoPeer } from '../integration/matrix/crypto-peer.ts';

const [homeserver] = process.argv.slice(2);
if (!homeserver) throw new Error('usage: matrix-sender-child.ts HOMESERVER');
const bob = await CryptoPeer.login(homeserver, 'bob', 'bob-pw');
const reply = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
reply({ ok: true, ready: true });
type Command = { cmd: 'join'; roomId: string; userIds: string[] } | { cmd: 'knows'; userId: string; deviceIds: string[] } | { cmd: 'send'; roomId: string; body: string };
let queue: Promise<unknown> = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  const command = JSON.parse(line) as Command;
  queue = queue.then(async () => {
    if (command.cmd === 'join') await bob.seesJoined(command.roomId, command.userIds);
    if (command.cmd === 'knows') await bob.knowsDevices(command.userId, command.deviceIds);
    if (command.cmd === 'send') reply({ ok: true, eventId: await bob.sendText(command.roomId, command.body) });
    else reply({ ok: true });
  }).catch((error: unknown) => reply({ ok: false, error: String(error) }));
}).on('close', () => {
  bob.stop();
  process.exit(0);
});
