// A local HTTP server standing in for the storage bucket that serves bulk operation results,
// with or without HTTP Range support (resumed downloads).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ResultServer {
  url(name: string): string;
  put(name: string, body: string): void;
  requests: { name: string; range: string | null }[];
  close(): Promise<void>;
}

export async function startResultServer(options: { ranges: boolean }): Promise<ResultServer> {
  const files = new Map<string, Buffer>();
  const requests: ResultServer["requests"] = [];
  const server: Server = createServer((req, res) => {
    const name = (req.url ?? "/").slice(1);
    const file = files.get(name);
    const range = req.headers.range ?? null;
    requests.push({ name, range });
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const match = options.ranges && range ? /^bytes=(\d+)-$/.exec(range) : null;
    if (match) {
      const start = Number(match[1]);
      res.writeHead(206, {
        "Content-Type": "application/jsonl",
        "Content-Range": `bytes ${start}-${file.length - 1}/${file.length}`,
      });
      res.end(file.subarray(start));
      return;
    }
    res.writeHead(200, { "Content-Type": "application/jsonl", "Content-Length": file.length });
    res.end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}`,
    put: (name, body) => files.set(name, Buffer.from(body)),
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
