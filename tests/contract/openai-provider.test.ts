// The OpenAI provider against a local server speaking the Chat Completions wire format.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createOpenAiProvider, type AnswerCache, type CachedAnswer } from "../../app/drafting/openai.server";
import { buildPrompt } from "../../app/drafting/prompt";
import type { ProviderRequest } from "../../app/drafting/provider";
import { draftFromTemplate } from "../../app/drafting/template-drafter";
import {
  completion,
  type OpenAiTestServer,
  type Reply,
  rateLimited,
  refusal,
  startOpenAiServer,
} from "../support/openai-server";
import { input } from "../unit/drafting/fixtures";

let server: OpenAiTestServer;
const sleeps: number[] = [];

beforeAll(async () => {
  server = await startOpenAiServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  sleeps.length = 0;
});

function provider(extra: Partial<Parameters<typeof createOpenAiProvider>[0]> = {}) {
  return createOpenAiProvider({
    apiKey: "sk-test-tend",
    model: "gpt-4o-mini",
    baseURL: server.baseURL,
    timeoutMs: 2_000,
    retry: { maxRetries: 2, baseDelayMs: 100, maxDelayMs: 1_000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
}

function request(): ProviderRequest {
  const i = input("checkout_abandonment.reminder");
  return { shop: "contract.myshopify.com", input: i, prompt: buildPrompt(i) };
}

const GOOD = draftFromTemplate(input("checkout_abandonment.reminder"));

describe("OpenAI provider (wire format)", () => {
  it("sends a strict json_schema request and returns the parsed copy with token usage", async () => {
    server.enqueue(completion(GOOD, { prompt: 901, completion: 233 }));
    const result = await provider().write(request());
    expect(result).toMatchObject({
      ok: true,
      output: GOOD,
      author: "gpt-4o-mini",
      inputTokens: 901,
      outputTokens: 233,
      cached: false,
    });
    const sent = server.requests[0];
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.headers.authorization).toBe("Bearer sk-test-tend");
    expect(sent.body.model).toBe("gpt-4o-mini");
    expect(sent.body.response_format?.type).toBe("json_schema");
    expect(sent.body.response_format?.json_schema?.strict).toBe(true);
    expect(JSON.stringify(sent.body.response_format?.json_schema?.schema)).toContain("subjects");
    expect(sent.body.messages?.[0].role).toBe("system");
  });

  it("turns a refusal into a clear failure", async () => {
    server.enqueue(refusal("I can't write marketing that misleads customers."));
    const result = await provider().write(request());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.kind).toBe("refusal");
    expect(result.message).toContain("misleads customers");
    expect(server.requests).toHaveLength(1); // a refusal is not retried
  });

  it("turns malformed JSON into a clear failure", async () => {
    server.enqueue(
      completion('{"subjects": ["Your tent is waiting", "Still thinking?"], "preheader": "We kept'),
    );
    const result = await provider().write(request());
    expect(result).toMatchObject({ ok: false, kind: "malformed" });
    if (!result.ok) expect(result.message).toMatch(/not valid JSON/);
  });

  it("turns JSON of the wrong shape into a clear failure", async () => {
    server.enqueue(completion({ subject: "One subject only", body: "<p>Hi</p>" }));
    const result = await provider().write(request());
    expect(result).toMatchObject({ ok: false, kind: "malformed" });
    if (!result.ok) expect(result.message).toMatch(/schema/);
  });

  it("treats an answer cut off at the token limit as malformed", async () => {
    server.enqueue({
      kind: "completion",
      content: '{"subjects": [',
      finishReason: "length",
      usage: { prompt: 900, completion: 4096 },
    });
    const result = await provider().write(request());
    expect(result).toMatchObject({ ok: false, kind: "malformed", outputTokens: 4096 });
  });

  it("retries after a 429, honouring retry-after, then succeeds", async () => {
    server.enqueue(rateLimited("1"), completion(GOOD));
    const result = await provider().write(request());
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([1_000]);
  });

  it("backs off exponentially on 5xx without a hint and gives up after the retry budget", async () => {
    server.enqueue(
      { kind: "error", status: 503, type: "server_error", code: null, message: "overloaded" },
      { kind: "error", status: 500, type: "server_error", code: null, message: "boom" },
      { kind: "error", status: 502, type: "server_error", code: null, message: "bad gateway" },
    );
    const result = await provider().write(request());
    expect(result).toMatchObject({ ok: false, kind: "server_error", attempts: 3 });
    expect(sleeps).toEqual([100, 200]);
  });

  it("does not retry an exhausted quota", async () => {
    server.enqueue({
      kind: "error",
      status: 429,
      type: "insufficient_quota",
      code: "insufficient_quota",
      message: "You exceeded your current quota.",
    });
    const result = await provider().write(request());
    expect(result).toMatchObject({ ok: false, kind: "rate_limited", attempts: 1 });
  });

  it("reports a bad key as an auth failure", async () => {
    const result = await provider({ apiKey: "sk-wrong" }).write(request());
    expect(result).toMatchObject({ ok: false, kind: "auth" });
    if (!result.ok) expect(result.message).toContain("invalid_api_key");
  });

  it("times out a server that never answers, retries, then fails as a timeout", async () => {
    server.enqueue({ kind: "hang" }, { kind: "hang" });
    const result = await provider({
      timeoutMs: 150,
      retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 1 },
    }).write(request());
    expect(result).toMatchObject({ ok: false, kind: "timeout", attempts: 2 });
    expect(server.requests).toHaveLength(2);
  });

  it("answers a repeated prompt from the cache without calling the server", async () => {
    const store = new Map<string, CachedAnswer>();
    const cache: AnswerCache = {
      get: async (shop, hash, model) => store.get(`${shop}|${hash}|${model}`) ?? null,
      put: async (shop, hash, model, answer) => void store.set(`${shop}|${hash}|${model}`, answer),
    };
    server.enqueue(completion(GOOD));
    const p = provider({ cache });
    const first = await p.write(request());
    const second = await p.write(request());
    expect(first).toMatchObject({ ok: true, cached: false });
    expect(second).toMatchObject({ ok: true, cached: true, inputTokens: 0, output: GOOD });
    expect(server.requests).toHaveLength(1);
    server.enqueue(completion(GOOD));
    const fresh = await p.write({ ...request(), bypassCache: true });
    expect(fresh).toMatchObject({ ok: true, cached: false });
    expect(server.requests).toHaveLength(2);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    const gates = Array.from({ length: 5 }, () => {
      let resolve: (reply: Reply) => void = () => {};
      const promise = new Promise<Reply>((r) => {
        resolve = r;
      });
      return { promise, resolve };
    });
    server.enqueue(...gates.map((g) => ({ kind: "wait" as const, until: g.promise })));
    const p = provider({ concurrency: 2 });
    const all = Promise.all(gates.map(() => p.write(request())));
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 50)); // give a third request the chance to (wrongly) start
    expect(server.requests).toHaveLength(2);
    gates[0].resolve(completion(GOOD));
    await vi.waitFor(() => expect(server.requests).toHaveLength(3));
    for (const g of gates.slice(1)) g.resolve(completion(GOOD));
    const results = await all;
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.requests).toHaveLength(5);
  });
});
