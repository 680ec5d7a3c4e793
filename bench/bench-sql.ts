// Child process: answers a shape's requests with plain SQL on a pg Pool of `connections` clients, each
// looping for `duration` seconds, and sends back the figures (latency = all statements of one request).
import pg from 'pg';
import { type RunMessage, summarize } from './bench-report.js';
import type { Statement } from './bench-shapes.js';

export type SqlJob = { url: string; requests: Statement[][]; connections: number; duration: number };

async function run(job: SqlJob): Promise<RunMessage> {
  const pool = new pg.Pool({
    connectionString: job.url,
    max: job.connections,
    application_name: 'coopdir-bench',
  });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  let started = 0;
  let until = 0;
  async function client(connection: pg.PoolClient) {
    try {
      while (performance.now() < until) {
        const statements = job.requests[next++ % job.requests.length]!;
        const begun = performance.now();
        try {
          for (const statement of statements) await connection.query(statement.text, statement.values);
          latencies.push(performance.now() - begun);
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message;
        }
      }
    } finally {
      connection.release();
    }
  }
  try {
    // Connections are opened before the clock starts, as the service's pool is warm too.
    const connections = await Promise.all(Array.from({ length: job.connections }, () => pool.connect()));
    started = performance.now();
    until = started + job.duration * 1000;
    await Promise.all(connections.map(client));
    const seconds = (performance.now() - started) / 1000;
    return { ok: true, result: summarize(latencies, seconds, errors, {}, firstError) };
  } catch (error) {
    return { ok: false, error: String(error) };
  } finally {
    await pool.end();
  }
}

process.once('message', (job: SqlJob) => {
  void run(job).then((message) => process.send!(message, () => process.disconnect()));
});
