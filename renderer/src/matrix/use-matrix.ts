// The notifier's state, live: status, the notification centre's list, the rooms with unread counts.
import { useEffect, useState } from 'react';
import type { MatrixNotification, MatrixRoom, MatrixStatus } from '../../../electron/core/bridge/contract-matrix.ts';
import { useBridge, useBridgeState } from '../bridge/context.tsx';

export function useMatrixStatus(): MatrixStatus | null {
  return useBridgeState('matrix.status', 'matrix.status');
}

export function useMatrixRooms(): MatrixRoom[] | null {
  return useBridgeState('matrix.rooms', 'matrix.rooms');
}

/** Recent notifications, newest first: the list from main, then each new one as it arrives. */
export function useMatrixNotifications(): [MatrixNotification[], (list: MatrixNotification[]) => void] {
  const api = useBridge();
  const [list, setList] = useState<MatrixNotification[]>([]);
  useEffect(() => {
    let live = true;
    const off = api.on('matrix.notification', (n) => setList((current) => [n, ...current.filter((x) => x.id !== n.id)].slice(0, 100)));
    void api['matrix.notifications']({}).then((initial) => live && setList((current) => [...current, ...initial.filter((n) => !current.some((c) => c.id === n.id))]));
    return () => {
      live = false;
      off();
    };
  }, [api]);
  return [list, setList];
}

export function isSignedIn(status: MatrixStatus | null): boolean {
  return !!status && ['connecting', 'syncing', 'offline'].includes(status.state);
}
