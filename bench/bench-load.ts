// Child process: drives the service with autocannon over a rotating list of URLs, sends back the figures.
import autocannon from 'autocannon';
import { type RunMessage, summarize } from './bench-report.js';

export type LoadJob = { baseUrl: string; paths: string[]; connections: number; duration: number };

function run(job: LoadJob): Promise<RunMessage> {
  const latencies: number[] = [];
  const non2xx: Record<string, number> = {};
  let next = 0;
  return new Promise((done) => {
    const started = performance.now();
    const instance = autocannon(
      {
        url: job.baseUrl,
        connections: job.connections,
        duration: job.duration,
        timeout: 10,
        // Each request takes the next URL of the list, whichever connection sends it.
        requests: [
          { method: 'GET', setupRequest: (req) => ({ ...req, path: job.paths[next++ % job.paths.length]! }) },
        ],
      },
      (error, result) => {
        if (error) return done({ ok: false, error: String(error) });
        const seconds = (performance.now() - started) / 1000;
        done({ ok: true, result: summarize(latencies, seconds, result.errors + result.timeouts, non2xx) });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else non2xx[statusCode] = (non2xx[statusCode] ?? 0) + 1;
    });
  });
}

process.once('message', (job: LoadJob) => {
  void run(job).then((message) => process.send!(message, () => process.disconnect()));
});
