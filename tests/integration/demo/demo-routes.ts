// The routes the demo's storefront talks to, served over real HTTP on a loopback port: the signed
// webhook routes, the Web Pixel collector and the click redirect. The demo's replay and its
// shoppers' clicks and orders go through fetch exactly as against `npm run demo`.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { action as pixelRoute } from "../../../app/routes/api.pixel";
import { loader as clickRoute } from "../../../app/routes/c.$token";
import { action as checkoutsRoute } from "../../../app/routes/webhooks.checkouts";
import { action as customersRoute } from "../../../app/routes/webhooks.customers";
import { action as ordersRoute } from "../../../app/routes/webhooks.orders";

type Handler = (args: { request: Request; params: Record<string, string>; context: object }) => unknown;

const POST: Record<string, Handler> = {
  "/webhooks/checkouts": checkoutsRoute as Handler,
  "/webhooks/orders": ordersRoute as Handler,
  "/webhooks/customers": customersRoute as Handler,
  "/api/pixel": pixelRoute as Handler,
};

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(new URL(req.url ?? "/", base), { method: req.method, headers, body });
}

function route(request: Request): Promise<unknown> | unknown {
  const path = new URL(request.url).pathname;
  const context = { remoteAddress: "127.0.0.1" };
  if (request.method === "GET" && path.startsWith("/c/"))
    return clickRoute({ request, params: { token: path.slice(3) }, context } as never);
  const handler = request.method === "POST" ? POST[path] : undefined;
  if (!handler) return new Response("Not found", { status: 404 });
  return handler({ request, params: {}, context });
}

export interface RouteServer {
  url: string;
  close(): Promise<void>;
}

export async function startDemoRoutes(): Promise<RouteServer> {
  let base = "";
  const server = createServer((req, res) => {
    (async () => {
      const request = await toRequest(req, base);
      const result = await Promise.resolve(route(request)).catch((thrown: unknown) => thrown);
      if (result instanceof Error) throw result;
      const response = result instanceof Response ? result : new Response(null, { status: 200 });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
