-- The spans of loans moved more than once (few): a report of a day between such a loan's moves looks
-- up its first later move; every other span reads its commune from its own columns.
CREATE INDEX "LoanSpan_moved_twice_idx" ON "LoanSpan" ("firstMovedOn", "lastMovedOn") WHERE "firstMovedOn" < "lastMovedOn";
