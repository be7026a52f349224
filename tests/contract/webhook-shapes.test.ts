// The receive path's topic table and body shapes agree with what Shopify documents and what
// shopify.app.toml subscribes: each route takes exactly its toml topics, every topic has a shape,
// every field a shape requires is one Shopify's JSON Schema lists as required, and every documented
// example passes its own topic's shape and no other topic's (unless one handler serves both).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { topicShapes } from "../../app/ingest/shapes";
import { ROUTE_TOPICS, topicFamily } from "../../app/ingest/topics";
import { examplePayload } from "../support/webhooks";

const VERSION = "2026-07";
const toml = parse(readFileSync("shopify.app.toml", "utf8")) as unknown as {
  webhooks: { subscriptions: { topics?: string[]; compliance_topics?: string[]; uri: string }[] };
};
const subscribed = toml.webhooks.subscriptions.flatMap((s) =>
  [...(s.topics ?? []), ...(s.compliance_topics ?? [])].map((topic) => ({
    topic,
    route: s.uri.split("/").pop() ?? "",
  })),
);

function shopifyRequired(topic: string): string[] {
  const file = path.resolve("node_modules/shopify-webhook-schemas/schemas", VERSION, `${topic}.json`);
  return (JSON.parse(readFileSync(file, "utf8")) as { required?: string[] }).required ?? [];
}

/** Top-level keys the zod object schema requires (neither optional nor nullish-defaulted). */
function requiredKeys(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape ?? {};
  return Object.entries(shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([key]) => key);
}

// Families that share one handler, and the shop object Shopify sends for both app/uninstalled and
// shop/update: their bodies may pass each other's shape (the content key makes a replay a duplicate).
function interchangeable(a: string, b: string): boolean {
  const shopObject = new Set(["app/uninstalled", "shop/update"]);
  return topicFamily(a) === topicFamily(b) || (shopObject.has(a) && shopObject.has(b));
}

describe("webhook topics and shapes", () => {
  it("routes exactly the topics shopify.app.toml subscribes, each to its own route", () => {
    const routed = Object.entries(ROUTE_TOPICS).flatMap(([route, topics]) =>
      topics.map((topic) => ({ topic, route })),
    );
    expect(routed.sort((x, y) => x.topic.localeCompare(y.topic))).toEqual(
      subscribed.sort((x, y) => x.topic.localeCompare(y.topic)),
    );
  });

  it.each(subscribed.map((s) => s.topic))("%s: a shape requiring only fields Shopify requires", (topic) => {
    const shape = topicShapes[topic];
    expect(shape).toBeDefined();
    const required = shopifyRequired(topic);
    expect(requiredKeys(shape).filter((k) => !required.includes(k))).toEqual([]);
    expect(requiredKeys(shape).length).toBeGreaterThan(0);
  });

  it("accepts every documented example under its own topic and no unrelated one", () => {
    const topics = subscribed.map((s) => s.topic);
    const crossings: string[] = [];
    for (const own of topics) {
      const body = examplePayload(own, VERSION);
      expect(topicShapes[own].safeParse(body).success, own).toBe(true);
      for (const other of topics) {
        if (other !== own && !interchangeable(own, other) && topicShapes[other].safeParse(body).success) {
          crossings.push(`${own} body passes as ${other}`);
        }
      }
    }
    expect(crossings).toEqual([]);
  });
});
