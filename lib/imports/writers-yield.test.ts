import { describe, expect, it } from 'vitest';
import { MEMBER_SPEC } from './kinds/members-columns';
import { ROWS_BETWEEN_TURNS } from './next-turn';
import type { RowSource } from './types';
import { streamToBuffer } from './web-stream';
import { writeCsv } from './write-csv';
import { writeXlsx } from './write-xlsx';

// Issue 23 §6: an export never blocks the server. Deterministic, whatever the machine's load: a
// callback that re-schedules itself with setImmediate counts the event loop's turns while the
// writer runs, and each row notes the turn it was produced in. A writer that held the loop for the
// whole file would produce every row in one turn; these must give the loop back every few hundred.

const ROWS = 6_000;

async function rowsPerTurn(write: (rows: RowSource) => ReadableStream<Uint8Array>) {
  let turns = 0;
  let writing = true;
  const tick = () => {
    turns += 1;
    if (writing) setImmediate(tick);
  };
  setImmediate(tick);
  const turnOfRow: number[] = [];
  function* rows() {
    for (let i = 0; i < ROWS; i++) {
      turnOfRow.push(turns);
      yield Object.fromEntries(MEMBER_SPEC.columns.map((c) => [c.key, `${c.example} ${i}`]));
    }
  }
  await streamToBuffer(write(rows()));
  writing = false;
  const perTurn = new Map<number, number>();
  for (const turn of turnOfRow) perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
  return { most: Math.max(...perTurn.values()), turnsWithRows: perTurn.size };
}

describe('the register writers:', () => {
  it.each([
    ['XLSX', (rows: RowSource) => writeXlsx(MEMBER_SPEC, rows)],
    ['CSV', (rows: RowSource) => writeCsv(MEMBER_SPEC, rows)],
  ])('%s gives the event loop a turn every few hundred rows', async (_, write) => {
    const { most, turnsWithRows } = await rowsPerTurn(write);
    // One turn's slice is ROWS_BETWEEN_TURNS rows, two when a turn's end falls between the writer's
    // pause and the counter's tick: never the whole file.
    expect(most).toBeLessThanOrEqual(2 * ROWS_BETWEEN_TURNS);
    expect(turnsWithRows).toBeGreaterThanOrEqual(ROWS / (2 * ROWS_BETWEEN_TURNS));
  });
});
