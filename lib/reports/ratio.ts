/** a / b as a decimal rounded half-up to 4 places, for amounts of any size; null when b is 0. */
export function ratioOf(a: bigint, b: bigint): number | null {
  if (b <= 0n) return null;
  return Number((a * 20_000n + b) / (2n * b)) / 10_000;
}
