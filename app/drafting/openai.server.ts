// The OpenAI provider: Chat Completions with a strict JSON schema made from the zod output schema,
// against OpenAI or any compatible server (OPENAI_BASE_URL). Retries 429/5xx/timeouts with backoff
// (retry-after honoured), bounds concurrency, caches answers by prompt hash and reports tokens.
// Refusals and malformed answers come back as classified failures, never as copy.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { zodResponseFormat } from "openai/helpers/zod";
import { createLimiter, type Limiter } from "./concurrency";
import type { DraftProvider, ProviderFailureKind, ProviderRequest, ProviderResult } from "./provider";
import { backoffMs, DEFAULT_RETRY, type RetryPolicy, retryAfterMs } from "./retry";
import { copyOutputSchema, parseCopy } from "./schema";

export interface CachedAnswer {
  response: string;
  inputTokens: number;
  outputTokens: number;
}

/** Where answers are kept by (shop, prompt hash, model); ai-cache.server.ts stores them in AiCache. */
export interface AnswerCache {
  get(shop: string, promptHash: string, model: string): Promise<CachedAnswer | null>;
  put(shop: string, promptHash: string, model: string, answer: CachedAnswer): Promise<void>;
}

export interface OpenAiProviderOptions {
  apiKey: string;
  model: string;
  baseURL?: string;
  timeoutMs?: number;
  retry?: RetryPolicy;
  concurrency?: number;
  cache?: AnswerCache;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => Date;
}

const RESPONSE_FORMAT = zodResponseFormat(copyOutputSchema, "email_copy");

type Attempt =
  | { ok: true; content: string; inputTokens: number; outputTokens: number }
  | {
      ok: false;
      kind: ProviderFailureKind;
      message: string;
      retryable: boolean;
      waitMs: number | null;
      inputTokens: number;
      outputTokens: number;
    };

export function createOpenAiProvider(options: OpenAiProviderOptions): DraftProvider {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout: options.timeoutMs ?? 45_000,
    maxRetries: 0, // retries are ours: they honour retry-after and are counted per draft
  });
  const policy = options.retry ?? DEFAULT_RETRY;
  const limiter: Limiter = createLimiter(options.concurrency ?? 4);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => new Date());
  const model = options.model;

  async function once(request: ProviderRequest): Promise<Attempt> {
    try {
      const completion = await client.chat.completions.create({
        model,
        messages: request.prompt.messages,
        response_format: RESPONSE_FORMAT,
        temperature: 0.4,
      });
      const inputTokens = completion.usage?.prompt_tokens ?? 0;
      const outputTokens = completion.usage?.completion_tokens ?? 0;
      const choice = completion.choices?.[0];
      const fail = (kind: ProviderFailureKind, message: string): Attempt => ({
        ok: false,
        kind,
        message,
        retryable: false,
        waitMs: null,
        inputTokens,
        outputTokens,
      });
      if (!choice) return fail("malformed", "the answer had no choices");
      if (choice.message.refusal) return fail("refusal", `the model refused: ${choice.message.refusal}`);
      if (choice.finish_reason === "content_filter")
        return fail("refusal", "the provider's content filter stopped the answer");
      if (choice.finish_reason === "length")
        return fail("malformed", "the answer was cut off at the token limit");
      const content = choice.message.content;
      if (!content) return fail("malformed", "the answer was empty");
      return { ok: true, content, inputTokens, outputTokens };
    } catch (error) {
      return classify(error, now());
    }
  }

  async function write(request: ProviderRequest): Promise<ProviderResult> {
    const base = { author: model, inputTokens: 0, outputTokens: 0 };
    if (options.cache && !request.bypassCache) {
      const hit = await options.cache.get(request.shop, request.prompt.hash, model);
      if (hit) {
        const output = safeJson(hit.response);
        if (output.ok && parseCopy(output.value).ok) {
          return { ok: true, output: output.value, ...base, cached: true, attempts: 0 };
        }
      }
    }
    let attempts = 0;
    let inputTokens = 0;
    let outputTokens = 0;
    for (;;) {
      attempts++;
      const result = await limiter.run(() => once(request));
      inputTokens += result.inputTokens;
      outputTokens += result.outputTokens;
      const usage = { author: model, inputTokens, outputTokens, attempts };
      if (result.ok) {
        const parsed = safeJson(result.content);
        if (!parsed.ok)
          return {
            ok: false,
            kind: "malformed",
            message: `the answer is not valid JSON: ${parsed.message}`,
            ...usage,
          };
        const copy = parseCopy(parsed.value);
        if (!copy.ok)
          return {
            ok: false,
            kind: "malformed",
            message: `the answer does not match the schema: ${copy.message}`,
            ...usage,
          };
        await options.cache?.put(request.shop, request.prompt.hash, model, {
          response: result.content,
          inputTokens: result.inputTokens,
          outputTokens: result.outputTokens,
        });
        return { ok: true, output: copy.content, ...usage, cached: false };
      }
      if (!result.retryable || attempts > policy.maxRetries) {
        const tried = attempts > 1 ? ` (after ${attempts} attempts)` : "";
        return { ok: false, kind: result.kind, message: `${result.message}${tried}`, ...usage };
      }
      await sleep(backoffMs(policy, attempts, result.waitMs, random()));
    }
  }

  return { author: model, write };
}

function safeJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function classify(error: unknown, at: Date): Attempt {
  const base = { inputTokens: 0, outputTokens: 0, waitMs: null as number | null };
  if (error instanceof APIConnectionTimeoutError) {
    return {
      ok: false,
      kind: "timeout",
      message: "the provider did not answer in time",
      retryable: true,
      ...base,
    };
  }
  if (error instanceof APIConnectionError) {
    return {
      ok: false,
      kind: "network",
      message: `could not reach the provider: ${error.message}`,
      retryable: true,
      ...base,
    };
  }
  if (error instanceof APIError) {
    const status = error.status ?? 0;
    const body = error.error as { type?: string; code?: string; message?: string } | undefined;
    const detail = [body?.type, body?.code].filter(Boolean).join("/");
    const message = `provider answered ${status}${detail ? ` (${detail})` : ""}: ${body?.message ?? error.message}`;
    const waitMs = retryAfterMs(error.headers, at);
    if (status === 429) {
      // insufficient_quota is a 429 that no amount of waiting fixes
      const quota = body?.code === "insufficient_quota" || body?.type === "insufficient_quota";
      return { ok: false, kind: "rate_limited", message, retryable: !quota, ...base, waitMs };
    }
    if (status >= 500 || status === 408 || status === 409) {
      return { ok: false, kind: "server_error", message, retryable: true, ...base, waitMs };
    }
    if (status === 401 || status === 403)
      return { ok: false, kind: "auth", message, retryable: false, ...base };
    return { ok: false, kind: "bad_request", message, retryable: false, ...base };
  }
  return {
    ok: false,
    kind: "network",
    message: error instanceof Error ? error.message : String(error),
    retryable: false,
    ...base,
  };
}
