// matrix-js-sdk logs a lot at debug level; we keep its warnings and errors in our log and drop the rest.
import { logger as sdkRootLogger, type Logger } from 'matrix-js-sdk/lib/logger.js';

export type SdkLogSink = (level: 'warn' | 'error', message: string) => void;

function format(msg: unknown[]): string {
  return msg.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : JSON.stringify(part) ?? String(part))).join(' ').slice(0, 500);
}

export function sdkLogger(sink: SdkLogSink | null, namespace = 'matrix-sdk'): Logger {
  const noop = () => {};
  return {
    trace: noop,
    debug: noop,
    info: noop,
    warn: (...msg: unknown[]) => {
      // The SDK adds its unstable default push rules when a server lacks them: expected, not a problem.
      if (typeof msg[0] === 'string' && msg[0].startsWith('Adding default global')) return;
      sink?.('warn', `${namespace}: ${format(msg)}`);
    },
    error: (...msg: unknown[]) => sink?.('error', `${namespace}: ${format(msg)}`),
    getChild: (child: string) => sdkLogger(sink, `${namespace}:${child}`),
  };
}

export const quietLogger: Logger = sdkLogger(null);

let rootSink: SdkLogSink | null = null;

/**
 * The SDK's own root logger (used by parts that take no logger option: decryption errors, and
 * "EventTimelineSet.addLiveEvent: ignoring duplicate event", which the SDK binds to console.log when
 * its module loads) would print to the console, i.e. among `werkplek notify`'s output lines. So this
 * module replaces the root logger's methods when it loads — import it before 'matrix-js-sdk' (as
 * matrix-service.ts does first thing) — and their warnings and errors go to the latest session's log.
 */
function routeRootLogger(): void {
  // loglevel: child loggers copy their parent's methodFactory, so replacing it here covers them too.
  type Factory = (method: string, level: unknown, name: unknown) => (...args: unknown[]) => void;
  const root = sdkRootLogger as unknown as { methodFactory: Factory; rebuild(): void; routed?: boolean };
  if (root.routed) return;
  root.methodFactory = (method) => (method === 'warn' || method === 'error' ? (...args: unknown[]) => rootSink?.(method, `matrix-sdk: ${format(args)}`) : () => {});
  root.routed = true;
  root.rebuild();
}
routeRootLogger();

/** Where the root logger's warnings and errors go from now on (null: keep the previous sink). */
export function routeSdkRootLogger(sink: SdkLogSink | null): void {
  if (sink) rootSink = sink;
}
