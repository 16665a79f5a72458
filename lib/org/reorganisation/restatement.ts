import { isoDate } from '@/lib/calendar/date-only';
import type { Tx } from '@/lib/db';

// A report whose period contains a reorganisation's effective date (the 2025 year-end report, growth
// since 1 January) shows the units as they are at its end, with the figures the ended units had
// before the date restated into their successors. Postings keep their dates and owners; the
// report reads the ended units' subtrees too and relabels their rows. Totals are therefore the same
// as without the restatement: the same rows, under other names.

export interface RestatedEvent {
  decisionNo: string;
  decisionDate: string;
  effectiveOn: string;
  /** Old communes restated into this report's units, and the communes they became. */
  communesMerged: number;
  communesInto: number;
}

export interface Restatement {
  /** Subtrees of ended units outside the report's subtree whose figures it takes over. */
  alsoPaths: string[];
  /** The unit at the period's end that took over a unit's work (itself if it never ended). */
  successorOf: (unitId: string) => string;
  events: RestatedEvent[];
}

/**
 * The restatement of a report of the subtree at `path` over [from, to], or null when no
 * reorganisation took effect in the period (or none concerns the subtree).
 */
export async function restatementFor(tx: Tx, path: string, from: Date, to: Date): Promise<Restatement | null> {
  const changes = await tx.reorgChange.findMany({
    where: { reorganisation: { effectiveOn: { gte: from, lte: to } } },
    select: {
      fromUnitId: true,
      toUnitId: true,
      fromUnit: { select: { path: true, level: true } },
      toUnit: { select: { path: true } },
      reorganisation: { select: { id: true, decisionNo: true, decisionDate: true, effectiveOn: true } },
    },
    orderBy: [{ reorganisation: { effectiveOn: 'asc' } }, { id: 'asc' }],
  });
  const moves = changes.filter((c) => c.fromUnitId !== c.toUnitId);
  if (moves.length === 0) return null;
  const next = new Map(moves.map((c) => [c.fromUnitId, c.toUnitId]));
  const pathOf = new Map(moves.flatMap((c) => [[c.fromUnitId, c.fromUnit.path], [c.toUnitId, c.toUnit.path]] as const));
  const successorOf = (unitId: string) => {
    let id = unitId;
    for (let hops = 0; next.has(id) && hops < 50; hops++) id = next.get(id)!;
    return id;
  };
  const relevant = moves.filter((c) => pathOf.get(successorOf(c.fromUnitId))!.startsWith(path));
  if (relevant.length === 0) return null;
  const outside = [...new Set(relevant.map((c) => c.fromUnit.path).filter((p) => !p.startsWith(path)))].sort();
  const alsoPaths = outside.filter((p) => !outside.some((q) => q !== p && p.startsWith(q)));
  const byEvent = new Map<string, RestatedEvent & { into: Set<string> }>();
  for (const c of relevant) {
    const e = c.reorganisation;
    const entry = byEvent.get(e.id) ?? {
      decisionNo: e.decisionNo, decisionDate: isoDate(e.decisionDate), effectiveOn: isoDate(e.effectiveOn),
      communesMerged: 0, communesInto: 0, into: new Set<string>(),
    };
    if (c.fromUnit.level === 'COMMUNE') {
      entry.communesMerged += 1;
      entry.into.add(successorOf(c.fromUnitId));
    }
    byEvent.set(e.id, entry);
  }
  const events = [...byEvent.values()].map(({ into, ...e }) => ({ ...e, communesInto: into.size }));
  return { alsoPaths, successorOf, events };
}
