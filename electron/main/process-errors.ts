// Errors that nobody waited for. Electron turns an unhandled rejection or exception in the main
// process into a modal "A JavaScript error occurred" box, which tells the person nothing they can
// act on. Each call that may fail is handled where it happens (`logFailure`); what still slips
// through is logged by the process-level handler, never shown as that box.
import type { Log } from '../core/context.ts';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A `.catch` for a call whose failure only needs a line in the log: `void x().catch(logFailure(log, 'what'))`. */
export function logFailure(log: Log, what: string): (error: unknown) => void {
  return (error) => log.warn(`${what} failed`, message(error));
}

/** Log unhandled rejections and exceptions of the main process instead of Electron's error box; returns the uninstaller. */
export function installProcessErrorLog(log: Log, target: Pick<NodeJS.Process, 'on' | 'off'> = process): () => void {
  const onRejection = (reason: unknown) => log.error('main: unhandled rejection', reason instanceof Error ? (reason.stack ?? reason.message) : String(reason));
  const onException = (error: Error) => log.error('main: uncaught exception', error.stack ?? error.message);
  target.on('unhandledRejection', onRejection);
  target.on('uncaughtException', onException);
  return () => {
    target.off('unhandledRejection', onRejection);
    target.off('uncaughtException', onException);
  };
}
