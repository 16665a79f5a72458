import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StartupError } from './startup-error';

// PGlite is single-process: two processes on one folder would corrupt it. The process that owns
// the folder (npm start, or a db:* command) writes its pid here; others refuse to open it.

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataFolder(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const lockFile = path.join(dir, 'app.lock');
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(lockFile, 'utf8').trim());
  } catch {
    holder = undefined;
  }
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new StartupError(
      `Thư mục dữ liệu ${dir} đang được tiến trình ${holder} sử dụng (the database folder is locked by process ${holder}); dừng tiến trình đó hoặc đặt PGLITE_DIR khác.`,
    );
  }
  writeFileSync(lockFile, String(process.pid));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    rmSync(lockFile, { force: true });
  };
  process.once('exit', release);
  return release;
}
