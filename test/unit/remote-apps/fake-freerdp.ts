// A stand-in FreeRDP for launcher and session tests: a real executable that asks like
// `xfreerdp /from-stdin:force` does ("Password: " on stderr), reads one line from standard input,
// writes what it read to $FAKE_RDP_OUT, stays up a moment and exits with $FAKE_RDP_EXIT.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function fakeFreeRdp(): { dir: string; path: string; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'werkplek-fake-rdp-'));
  const path = join(dir, 'xfreerdp');
  const out = join(dir, 'stdin.txt');
  writeFileSync(
    path,
    `#!/bin/sh
printf '%s' "\${FAKE_RDP_PROMPT-Password: }" >&2
if [ -n "\${FAKE_RDP_SILENT}" ]; then exec sleep 5; fi
IFS= read -r answer
printf '%s' "$answer" > "$FAKE_RDP_OUT"
sleep "\${FAKE_RDP_SLEEP:-0.3}"
exit "\${FAKE_RDP_EXIT:-0}"
`,
  );
  chmodSync(path, 0o755);
  return { dir, path, out };
}
