// A local HTTP server speaking the OpenAI Chat Completions wire format, for contract tests: real
// response shapes (chat.completion objects, refusals, usage, error bodies with type/code,
// retry-after on 429) served from a queue of scripted replies. Point the SDK's baseURL at it.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: {
    model?: string;
    messages?: Array<{ role: string; content: string }>;
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
    [key: string]: unknown;
  };
}

export type Reply =
  | {
      kind: "completion";
      content: string | null;
      refusal?: string;
      finishReason?: "stop" | "length" | "content_filter";
      usage?: { prompt: number; completion: number };
    }
  | {
      kind: "error";
      status: number;
      type: string;
      code: string | null;
      message: string;
      headers?: Record<string, string>;
    }
  | { kind: "wait"; until: Promise<Reply> } // answers with whatever the promise resolves to
  | { kind: "hang" } // accepts the request and never answers: the client's timeout must fire
  | { kind: "raw"; status: number; body: string; headers?: Record<string, string> };

export interface OpenAiTestServer {
  baseURL: string;
  requests: RecordedRequest[];
  enqueue(...replies: Reply[]): void;
  /** Answers when the queue is empty (default: a 500 server_error). */
  fallback: (request: RecordedRequest) => Reply;
  close(): Promise<void>;
}

export function completion(content: unknown, usage = { prompt: 812, completion: 264 }): Reply {
  return {
    kind: "completion",
    content: typeof content === "string" ? content : JSON.stringify(content),
    usage,
  };
}

export function refusal(text = "I'm sorry, I can't help with that request."): Reply {
  return { kind: "completion", content: null, refusal: text, usage: { prompt: 790, completion: 12 } };
}

export function rateLimited(retryAfterSeconds = "0"): Reply {
  return {
    kind: "error",
    status: 429,
    type: "requests",
    code: "rate_limit_exceeded",
    message:
      "Rate limit reached for gpt-4o-mini in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1.",
    headers: {
      "retry-after": retryAfterSeconds,
      "x-ratelimit-limit-requests": "3",
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": "20s",
    },
  };
}

function completionBody(reply: Extract<Reply, { kind: "completion" }>, model: string) {
  const usage = reply.usage ?? { prompt: 0, completion: 0 };
  return {
    id: `chatcmpl-${randomUUID().replace(/-/g, "").slice(0, 24)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: reply.content,
          refusal: reply.refusal ?? null,
          annotations: [],
        },
        logprobs: null,
        finish_reason: reply.finishReason ?? "stop",
      },
    ],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: "default",
    system_fingerprint: "fp_tend_test",
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startOpenAiServer(): Promise<OpenAiTestServer> {
  const queue: Reply[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const state: OpenAiTestServer = {
    baseURL: "",
    requests,
    enqueue: (...replies) => queue.push(...replies),
    fallback: () => ({
      kind: "error",
      status: 500,
      type: "server_error",
      code: null,
      message: "The server had an error while processing your request.",
    }),
    close: async () => {
      for (const res of hanging) res.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: RecordedRequest["body"] = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      body = {};
    }
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      path: req.url ?? "",
      headers: req.headers,
      body,
    };
    requests.push(recorded);
    const headers = {
      "content-type": "application/json",
      "x-request-id": `req_${randomUUID().slice(0, 12)}`,
      "openai-processing-ms": "412",
    };
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, headers).end(
        JSON.stringify({
          error: {
            message: "Unknown request URL",
            type: "invalid_request_error",
            param: null,
            code: "unknown_url",
          },
        }),
      );
      return;
    }
    if (req.headers.authorization !== "Bearer sk-test-tend") {
      res.writeHead(401, headers).end(
        JSON.stringify({
          error: {
            message: "Incorrect API key provided.",
            type: "invalid_request_error",
            param: null,
            code: "invalid_api_key",
          },
        }),
      );
      return;
    }
    let reply = queue.shift() ?? state.fallback(recorded);
    while (reply.kind === "wait") reply = await reply.until;
    switch (reply.kind) {
      case "completion":
        res.writeHead(200, headers).end(JSON.stringify(completionBody(reply, body.model ?? "gpt-4o-mini")));
        return;
      case "error":
        res.writeHead(reply.status, { ...headers, ...reply.headers }).end(
          JSON.stringify({
            error: { message: reply.message, type: reply.type, param: null, code: reply.code },
          }),
        );
        return;
      case "raw":
        res.writeHead(reply.status, { ...headers, ...reply.headers }).end(reply.body);
        return;
      case "hang":
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  state.baseURL = `http://127.0.0.1:${port}/v1`;
  return state;
}
