// Figures of a benchmark run (percentiles, rates) and their printing: lines, the Markdown table, the
// totals check and the indexes each direct-SQL shape uses.
import type pg from 'pg';
import type { Shape } from './bench-shapes.js';

export type RunResult = {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts (service) or failed statements (SQL). */
  errors: number;
  /** Answers other than 2xx, by status. */
  non2xx: Record<string, number>;
  firstError?: string;
};

/** What a load or SQL child process sends back. */
export type RunMessage = { ok: true; result: RunResult } | { ok: false; error: string };

export type Row = {
  shape: string;
  concurrency: number;
  service: RunResult;
  sql?: RunResult;
};

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(
  latenciesMs: number[],
  seconds: number,
  errors: number,
  non2xx: Record<string, number>,
  firstError?: string,
): RunResult {
  const sorted = Float64Array.from(latenciesMs).sort();
  return {
    requests: sorted.length,
    seconds,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors,
    non2xx,
    ...(firstError ? { firstError } : {}),
  };
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '–');
const rate = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–');
const ratio = (row: Row) => (row.sql && row.sql.p95 > 0 ? (row.service.p95 / row.sql.p95).toFixed(2) : '–');
const failures = (result: RunResult) =>
  result.errors + Object.values(result.non2xx).reduce((sum, count) => sum + count, 0);

export function describeRun(label: string, result: RunResult): string {
  const statuses = Object.entries(result.non2xx).map(([status, count]) => `${status}×${count}`);
  const problems = [
    ...(result.errors ? [`${result.errors} errors`] : []),
    ...(statuses.length ? [`non-2xx ${statuses.join(' ')}`] : []),
    ...(result.firstError ? [`first: ${result.firstError}`] : []),
  ];
  return (
    `${label.padEnd(12)} ${rate(result.rps).padStart(6)} req/s  p50 ${ms(result.p50).padStart(6)}  ` +
    `p95 ${ms(result.p95).padStart(6)}  p99 ${ms(result.p99).padStart(6)} ms  (${result.requests} requests` +
    `${problems.length ? `; ${problems.join('; ')}` : ''})`
  );
}

export function markdownTable(rows: Row[]): string {
  const lines = [
    '| shape | c | req/s | p50 ms | p95 ms | p99 ms | errors/non-2xx | direct SQL req/s | direct SQL p95 ms | p95 ratio |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const { service, sql } = row;
    lines.push(
      `| ${row.shape} | ${row.concurrency} | ${rate(service.rps)} | ${ms(service.p50)} | ${ms(service.p95)} | ` +
        `${ms(service.p99)} | ${failures(service)} | ${sql ? rate(sql.rps) : '–'} | ${sql ? ms(sql.p95) : '–'} | ${ratio(row)} |`,
    );
  }
  return lines.join('\n');
}

/** The first request of each shape, counted by the service and by SQL: both must find the same rows. */
export async function totalsReport(pool: pg.Pool, baseUrl: string, shapes: Shape[]): Promise<string[]> {
  const lines: string[] = [];
  for (const shape of shapes.filter((s) => s.name !== 'mix')) {
    const request = shape.requests[0]!;
    const response = await fetch(`${baseUrl}${request.path}`);
    const body = (await response.json()) as { total?: number };
    const counted = request.sql.find((s) => s.label === 'count')!;
    const { rows } = await pool.query<{ total: number }>(counted.text, counted.values);
    lines.push(
      `${shape.name.padEnd(12)} ${response.status} service ${body.total} / SQL ${rows[0]?.total}  ${request.path}`,
    );
  }
  return lines;
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement of one request per shape: its time and its scans. */
export async function explainReport(pool: pg.Pool, shapes: Shape[]): Promise<string[]> {
  const lines: string[] = [];
  for (const shape of shapes.filter((s) => s.name !== 'mix')) {
    const request = shape.requests[Math.floor(shape.requests.length / 2)]!;
    lines.push(`${shape.name}: ${request.path}`);
    for (const statement of request.sql) {
      const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`,
        statement.values,
      );
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      lines.push(
        `  ${statement.label.padEnd(20)} ${executionMs(plan).toFixed(1).padStart(7)} ms  ${scansOf(plan).join(', ')}`,
      );
    }
  }
  return lines;
}

/** The scans of a text EXPLAIN: which indexes a plan uses, and which tables it reads whole. */
function scansOf(plan: string): string[] {
  const found = new Set<string>();
  for (const match of plan.matchAll(
    /(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: Backward)?(?: using| on) "?([\w.]+)"?/g,
  )) {
    found.add(`${match[1]} ${match[2]}`);
  }
  return [...found];
}

function executionMs(plan: string): number {
  return Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? Number.NaN);
}
