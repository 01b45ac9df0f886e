/**
 * Whether the server runs with GATEHOUSE_DEV=1: its dev mailbox route exists only then. Asked once
 * per page load, and only by the steps that would point to the mailbox.
 */
import { useEffect, useState } from 'react';
import { get } from '../api/client';

let probe: Promise<boolean> | null = null;

export function isDevMode(): Promise<boolean> {
  probe ??= get('/api/v1/dev/outbox?to=dev-mode-probe').then(
    () => true,
    () => false,
  );
  return probe;
}

export function useDevMode(): boolean {
  const [dev, setDev] = useState(false);
  useEffect(() => {
    let live = true;
    void isDevMode().then((value) => {
      if (live) setDev(value);
    });
    return () => {
      live = false;
    };
  }, []);
  return dev;
}
