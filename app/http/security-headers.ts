// Headers every response carries. No X-Frame-Options: Tend is embedded in the Shopify admin, and
// the frame-ancestors CSP that addDocumentResponseHeaders sets is what limits who may frame it.
// app/cli/run.mjs applies the same list to every response of the production server.

export function securityHeaders(appUrl: string | undefined): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // HSTS only means something (and is only honoured) over HTTPS.
    ...(appUrl?.startsWith("https://")
      ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" }
      : {}),
  };
}

export function applySecurityHeaders(headers: Headers, appUrl: string | undefined): Headers {
  for (const [name, value] of Object.entries(securityHeaders(appUrl))) {
    if (!headers.has(name)) headers.set(name, value);
  }
  return headers;
}
