// Runs Tend's real Web Pixel the way a storefront does: the extension is bundled as Shopify's CLI
// ships it (one IIFE script, @shopify/web-pixels-extension resolved into it) and evaluated in a
// fresh node:vm context that offers what Shopify's strict sandbox offers a pixel: the global
// `shopify.extend("WebPixel::Render", ...)` that `register` calls, and, handed to the callback,
// `analytics.subscribe`, `browser` (cookie, localStorage, sessionStorage, sendBeacon), `init`,
// `settings` and `customerPrivacy`. The pixel's only way out is the `fetch` given here.
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { build } from "esbuild";

const ENTRY = fileURLToPath(new URL("../../extensions/tend-pixel/src/index.ts", import.meta.url));
const EXTENSION_POINT = "WebPixel::Render";

let bundle: Promise<string> | undefined;

/** The extension's production bundle (built once per test process). */
export function pixelBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [ENTRY],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    write: false,
    logLevel: "silent",
  }).then((r) => r.outputFiles[0].text);
  return bundle;
}

export type PixelFetch = (url: string, init: RequestInit) => Promise<Response>;

export interface PixelPost {
  url: string;
  keepalive: boolean;
  body: Record<string, unknown>;
  status: number;
  answer: unknown;
}

export interface PixelRunInput {
  settings: Record<string, string>;
  /** `init` as Shopify hands it over: context, data.customer, data.cart, data.shop. */
  init: Record<string, unknown>;
  /** Standard events in the order the storefront emits them. */
  events: Array<{ name: string } & Record<string, unknown>>;
  fetch: PixelFetch;
}

export interface PixelRun {
  posts: PixelPost[];
  subscribed: string[];
  /** What the pixel wrote through `browser` (it should write nothing). */
  storage: Map<string, string>;
}

function storageArea(store: Map<string, string>, prefix: string) {
  return {
    getItem: async (k: string) => store.get(prefix + k) ?? null,
    setItem: async (k: string, v: string) => void store.set(prefix + k, String(v)),
    removeItem: async (k: string) => void store.delete(prefix + k),
    key: async (i: number) => [...store.keys()].filter((k) => k.startsWith(prefix))[i] ?? null,
    length: async () => [...store.keys()].filter((k) => k.startsWith(prefix)).length,
  };
}

/** Loads the bundle in a fresh sandbox, registers it, replays `events`, and waits for its posts. */
export async function runPixelBundle(input: PixelRunInput): Promise<PixelRun> {
  const code = await pixelBundle();
  const posts: PixelPost[] = [];
  const inflight: Promise<unknown>[] = [];
  const storage = new Map<string, string>();
  const subscribers = new Map<string, Array<(event: unknown) => void>>();
  let render: ((api: unknown) => void) | undefined;

  const sandboxFetch = (url: string, init: RequestInit = {}) => {
    const call = input.fetch(String(url), init).then(async (response) => {
      const text = await response.text();
      posts.push({
        url: String(url),
        keepalive: init.keepalive === true,
        body: JSON.parse(String(init.body ?? "null")),
        status: response.status,
        answer: text ? JSON.parse(text) : null,
      });
      return response;
    });
    // A request that never got an answer (the server threw) is recorded too, with status 0.
    inflight.push(
      call.catch((error: unknown) =>
        posts.push({
          url: String(url),
          keepalive: init.keepalive === true,
          body: JSON.parse(String(init.body ?? "null")),
          status: 0,
          answer: { error: error instanceof Error ? error.message : String(error) },
        }),
      ),
    );
    return call;
  };

  const context = vm.createContext({
    shopify: {
      extend(point: string, fn: (api: unknown) => void) {
        if (point !== EXTENSION_POINT) throw new Error(`unexpected extension point ${point}`);
        render = fn;
      },
    },
    fetch: sandboxFetch,
    console,
    self: undefined,
  });
  vm.runInContext(code, context, { filename: "tend-pixel.js", timeout: 1_000 });
  if (!render) throw new Error("the pixel bundle never called register()");

  render({
    settings: input.settings,
    init: input.init,
    analytics: {
      subscribe(name: string, callback: (event: unknown) => void) {
        subscribers.set(name, [...(subscribers.get(name) ?? []), callback]);
        return () => true;
      },
    },
    browser: {
      cookie: {
        get: async (name?: string) => (name ? (storage.get(`cookie:${name}`) ?? "") : ""),
        set: async (name: string, value?: string) => void storage.set(`cookie:${name}`, value ?? ""),
      },
      localStorage: storageArea(storage, "local:"),
      sessionStorage: storageArea(storage, "session:"),
      sendBeacon: async (url: string, body?: string) => {
        sandboxFetch(url, { method: "POST", body, keepalive: true });
        return true;
      },
    },
    customerPrivacy: { subscribe: () => () => true },
    _pixelInfo: { id: "sandbox", type: "APP", runtimeContext: "STRICT" },
  });

  for (const event of input.events) {
    const targets = [
      ...(subscribers.get(event.name) ?? []),
      ...(subscribers.get("all_standard_events") ?? []),
      ...(subscribers.get("all_events") ?? []),
    ];
    // Shopify hands each subscriber its own copy of the event.
    for (const callback of targets) callback(structuredClone(event));
  }
  await Promise.all(inflight);
  return { posts, subscribed: [...subscribers.keys()], storage };
}
