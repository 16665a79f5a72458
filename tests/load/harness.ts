import { performance } from 'node:perf_hooks';

// What every load scenario shares: bearer tokens, timed requests, and the table of percentiles.

export interface Sample { op: string; ms: number; status: number }

export class Recorder {
  readonly samples: Sample[] = [];
  /** The first answer of each refused or failed kind, to say why in the report. */
  readonly firstRefusals = new Map<string, string>();

  /** Times one request; a network failure is recorded as status 0 (and counts as an error). */
  async timed(op: string, request: () => Promise<Response>): Promise<Response | null> {
    const start = performance.now();
    try {
      const response = await request();
      const body = await response.arrayBuffer();
      this.samples.push({ op, ms: performance.now() - start, status: response.status });
      const kind = `${op} ${response.status}`;
      if (response.status >= 400 && !this.firstRefusals.has(kind)) this.firstRefusals.set(kind, new TextDecoder().decode(body).slice(0, 300));
      return new Response(body, { status: response.status, headers: response.headers });
    } catch {
      this.samples.push({ op, ms: performance.now() - start, status: 0 });
      return null;
    }
  }

  /** 5xx answers and requests that got no answer at all. */
  errors(): number {
    return this.samples.filter((s) => s.status >= 500 || s.status === 0).length;
  }

  p95(op: string): number {
    return percentile(this.samples.filter((s) => s.op === op).map((s) => s.ms), 95);
  }

  printTable(title: string): void {
    console.log(`\n## ${title}\n`);
    console.log('| operation | requests | p50 ms | p95 ms | statuses |');
    console.log('|---|---|---|---|---|');
    for (const op of [...new Set(this.samples.map((s) => s.op))]) {
      const mine = this.samples.filter((s) => s.op === op);
      const statuses = Object.entries(mine.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }), {}))
        .map(([k, v]) => `${k}×${v}`).join(' ');
      console.log(`| ${op} | ${mine.length} | ${Math.round(percentile(mine.map((s) => s.ms), 50))} | ${Math.round(this.p95(op))} | ${statuses} |`);
    }
    for (const [kind, body] of this.firstRefusals) console.log(`\nfirst ${kind}: ${body}`);
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
}

export async function signIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: process.env.DEMO_PASSWORD ?? 'Demo@2026' }),
  });
  if (response.status !== 201) throw new Error(`sign-in of ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
