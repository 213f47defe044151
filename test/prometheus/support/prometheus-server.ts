import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startProcess, type StartedProcess } from './processes.js';

/** One sample of an instant vector: its labels and its value. */
export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: number;
}

/** A real Prometheus on 127.0.0.1, with a temp data directory. */
export interface PrometheusServer {
  readonly url: string;
  /** Runs an instant query through the HTTP API. */
  query(promql: string): Promise<PromSample[]>;
  /** The alerts Prometheus reports (`/api/v1/alerts`). */
  alerts(): Promise<{ labels: Record<string, string>; state: string }[]>;
  stop(): Promise<void>;
  output(): string;
}

/**
 * Starts `/usr/bin/prometheus` scraping `targets` every second, evaluating `rules` (a rule file
 * object, written as JSON, which is YAML) every second.
 */
export async function startPrometheus(
  targets: readonly string[],
  rules: object = { groups: [] },
): Promise<PrometheusServer> {
  const dir = await mkdtemp(join(tmpdir(), 'sigra-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  await writeFile(join(dir, 'rules.yml'), JSON.stringify(rules));
  await writeFile(
    config,
    JSON.stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [join(dir, 'rules.yml')],
      scrape_configs: [{ job_name: 'sigra-sample', static_configs: [{ targets }] }],
    }),
  );
  const port = await freePort();
  let server: StartedProcess;
  try {
    server = await startProcess(
      'prometheus',
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=info',
      ],
      { ready: /Server is ready to receive web requests/, timeoutMs: 30_000 },
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${url}${path}`);
    const body = (await response.json()) as { status: string; data: T; error?: string };
    if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error}`);
    return body.data;
  };
  return {
    url,
    output: server.output,
    query: async (promql) => {
      const data = await api<{
        result: { metric: Record<string, string>; value: [number, string] }[];
      }>(`/api/v1/query?query=${encodeURIComponent(promql)}`);
      return data.result.map(({ metric, value }) => ({ metric, value: Number(value[1]) }));
    },
    alerts: async () =>
      (await api<{ alerts: { labels: Record<string, string>; state: string }[] }>('/api/v1/alerts'))
        .alerts,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Polls `read` until `done` holds for its result or `timeoutMs` passes, and returns the last
 * result either way: the caller asserts on it, so a timeout fails with the value last seen.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    value = await read();
  }
  return value;
}
