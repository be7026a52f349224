// Pure pieces of the demo store: deterministic data, Shopify-style search filters, bulk JSONL.
import { describe, expect, it } from "vitest";
import { connection } from "../../../app/demo/admin-shapes";
import { bulkLines } from "../../../app/demo/bulk-jsonl";
import { generateDemoData } from "../../../app/demo/generate";
import { matchesSearch, parseSearch } from "../../../app/demo/search-query";

const anchor = new Date("2026-11-20T18:00:00Z");
const DAY = 86_400_000;

describe("demo data", () => {
  it("is the same for the same anchor and seed", () => {
    expect(generateDemoData(anchor, 50)).toEqual(generateDemoData(anchor, 50));
    expect(generateDemoData(anchor, 50, 1).customers[0].email).not.toBe(
      generateDemoData(anchor, 50, 2).customers[0].email,
    );
  });

  it("spans two years with repeat buyers, lapsed customers and anniversaries this week", () => {
    const d = generateDemoData(anchor, 300);
    const times = d.orders.map((o) => o.processedAt.getTime());
    expect((anchor.getTime() - Math.min(...times)) / DAY).toBeGreaterThan(650);
    expect(Math.max(...times)).toBeLessThanOrEqual(anchor.getTime());
    const perCustomer = new Map<string, number[]>();
    for (const o of d.orders)
      perCustomer.set(o.customerShopifyId!, [
        ...(perCustomer.get(o.customerShopifyId!) ?? []),
        o.processedAt.getTime(),
      ]);
    const repeat = [...perCustomer.values()].filter((t) => t.length > 1).length;
    expect(repeat).toBeGreaterThan(60);
    const lapsed = [...perCustomer.values()].filter((t) => {
      const days = (anchor.getTime() - Math.max(...t)) / DAY;
      return days >= 85 && days <= 130;
    }).length;
    expect(lapsed).toBeGreaterThan(30);
    const anniversaries = [...perCustomer.values()].filter((t) => {
      const days = (anchor.getTime() - Math.min(...t)) / DAY;
      return days >= 358 && days <= 366;
    }).length;
    expect(anniversaries).toBeGreaterThanOrEqual(7);
    const states = new Set(d.customers.map((c) => c.consent?.state));
    expect([...states].sort()).toEqual([
      "INVALID",
      "NOT_SUBSCRIBED",
      "PENDING",
      "SUBSCRIBED",
      "UNSUBSCRIBED",
    ]);
    expect(new Set(d.orders.map((o) => o.shopifyId)).size).toBe(d.orders.length);
    expect(
      d.products.every((p) => p.description.length > 60 && p.variants.every((v) => v.priceMinor > 0)),
    ).toBe(true);
  });
});

describe("search query subset", () => {
  it("parses comparisons and quoted values", () => {
    expect(parseSearch('updated_at:>2026-01-01 email:"a@b.c" status:active')).toEqual([
      { field: "updated_at", op: ">", value: "2026-01-01" },
      { field: "email", op: "=", value: "a@b.c" },
      { field: "status", op: "=", value: "active" },
    ]);
  });

  it("compares dates as instants and text case-insensitively; unknown fields match", () => {
    const item = { updatedAt: "2026-05-01T00:00:00Z", status: "ACTIVE" };
    expect(matchesSearch(item, "updated_at:>=2026-05-01")).toBe(true);
    expect(matchesSearch(item, "updated_at:>2026-05-01T00:00:00Z")).toBe(false);
    expect(matchesSearch(item, "status:active")).toBe(true);
    expect(matchesSearch(item, "status:draft")).toBe(false);
    expect(matchesSearch(item, "tag:whatever")).toBe(true);
  });
});

describe("connections and bulk JSONL", () => {
  it("pages with cursors both ways", () => {
    const items = Array.from({ length: 7 }, (_, i) => i);
    const first = connection(items, { first: 3 });
    expect(first.nodes).toEqual([0, 1, 2]);
    const next = connection(items, { first: 3, after: first.pageInfo.endCursor });
    expect(next.nodes).toEqual([3, 4, 5]);
    expect(connection(items, { last: 2 }).nodes).toEqual([5, 6]);
    expect(connection(items, { first: 2, reverse: true }).nodes).toEqual([6, 5]);
  });

  it("flattens nested connections into __parentId lines", () => {
    const data = {
      products: {
        edges: [
          {
            node: {
              id: "gid://shopify/Product/1",
              title: "Tent",
              variants: { edges: [{ node: { id: "v1" } }, { node: { id: "v2" } }] },
            },
          },
          { node: { id: "gid://shopify/Product/2", title: "Stove", variants: { nodes: [{ id: "v3" }] } } },
        ],
      },
    };
    expect(bulkLines(data)).toEqual({
      rootObjectCount: 2,
      lines: [
        { id: "gid://shopify/Product/1", title: "Tent" },
        { id: "v1", __parentId: "gid://shopify/Product/1" },
        { id: "v2", __parentId: "gid://shopify/Product/1" },
        { id: "gid://shopify/Product/2", title: "Stove" },
        { id: "v3", __parentId: "gid://shopify/Product/2" },
      ],
    });
  });
});
