// V8 flags for the process the notifier runs in (Electron utilityProcess `execArgv`). A small young
// generation keeps a catch-up of thousands of events within its memory budget: measured by
// `npm run bench` (matrix-notify.bench.ts) at about 180 MB peak RSS with defaults, 125 MB with these.
export const notifierExecArgv: readonly string[] = ['--max-semi-space-size=2'];
