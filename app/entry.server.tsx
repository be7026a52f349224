// Remix server entry. Besides rendering, it exports the process-level services (migrations, the
// worker) so that `npm start` / `npm run worker` use the same compiled bundle. The demo store has
// its own entry (app/demo/entry.server.ts -> build/server/demo.js), loaded in demo mode only.
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { env } from "./env.server";
import { applySecurityHeaders } from "./http/security-headers";
import { addDocumentResponseHeaders } from "./shopify.server";

export { services } from "./services.server";

const ABORT_DELAY = 5_000;

/** Loader and action data (single fetch) carry the same security headers as documents. */
export function handleDataRequest(response: Response): Response {
  applySecurityHeaders(response.headers, env().SHOPIFY_APP_URL);
  return response;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  addDocumentResponseHeaders(request, responseHeaders);
  applySecurityHeaders(responseHeaders, env().SHOPIFY_APP_URL);
  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [callbackName]: () => {
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error) {
          reject(error);
        },
        onError(error) {
          responseStatusCode = 500;
          console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
