export function freePort(): Promise<number>;
export function waitForServer(
  base: string,
  options?: { attempts?: number; intervalMs?: number; stillStarting?: () => boolean; why?: () => string },
): Promise<void>;
