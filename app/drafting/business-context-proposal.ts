// A first business context drafted from the shop's own data (shop-wide aggregates only, never a
// customer), for the merchant to correct and save in their words. Pure: the summary is loaded by
// business-context.server.ts; this turns it into plain sentences.
import type { ContextFields } from "./business-context";
import { EMPTY_CONTEXT } from "./business-context";
import { formatPrice } from "./template-drafter";

export interface ShopDataSummary {
  currency: string;
  orders: number;
  buyers: number; // customers with at least one order
  repeatBuyers: number; // customers with two or more
  averageOrderMinor: number | null;
  topProducts: Array<{ title: string; units: number }>;
  /** Product types by units sold; from the catalog (by product count) when there are no orders. */
  topTypes: Array<{ type: string; count: number }>;
  topCountries: Array<{ code: string; buyers: number }>;
  /** Orders per calendar month (0 = January) over the last twelve months. */
  ordersByMonth: number[];
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
function countryName(code: string): string {
  try {
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Catalog text as plain words: a title holding markup must not make the proposal unsavable. */
const plain = (v: string) =>
  [...v]
    .map((ch) => (ch === "<" || ch === ">" || ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? " " : ch))
    .join("")
    .replace(/\s+/g, " ")
    .trim();

const percent = (part: number, whole: number) => Math.round((part / whole) * 100);

function bestCustomers(s: ShopDataSummary): string {
  if (s.buyers === 0) return "";
  const parts = [
    `${percent(s.repeatBuyers, s.buyers)}% of our ${s.buyers} customers have ordered more than once.`,
  ];
  if (s.averageOrderMinor !== null)
    parts.push(`The average order is ${formatPrice(s.averageOrderMinor, s.currency)}.`);
  const countries = s.topCountries.filter((c) => c.buyers > 0).slice(0, 3);
  if (countries.length) {
    const named = countries.map((c) => `${countryName(c.code)} (${percent(c.buyers, s.buyers)}%)`);
    parts.push(`Most of them live in ${listInWords(named)}.`);
  }
  return parts.join(" ");
}

function whatTheyBuy(s: ShopDataSummary): string {
  const parts: string[] = [];
  const products = s.topProducts
    .slice(0, 3)
    .map((p) => plain(p.title))
    .filter(Boolean);
  if (products.length) parts.push(`Best sellers: ${listInWords(products)}.`);
  const types = s.topTypes
    .slice(0, 3)
    .map((t) => plain(t.type))
    .filter(Boolean);
  if (types.length)
    parts.push(
      s.orders > 0 ? `Most-bought categories: ${listInWords(types)}.` : `We sell ${listInWords(types)}.`,
    );
  return parts.join(" ");
}

/** Months with clearly more orders than the average month (at least 30% more, at most three). */
export function peakMonths(ordersByMonth: number[]): number[] {
  const total = ordersByMonth.reduce((a, b) => a + b, 0);
  if (total < 12) return [];
  const mean = total / 12;
  return ordersByMonth
    .map((n, m) => ({ n, m }))
    .filter((x) => x.n >= mean * 1.3)
    .sort((a, b) => b.n - a.n)
    .slice(0, 3)
    .map((x) => x.m)
    .sort((a, b) => a - b);
}

function seasonalMoments(s: ShopDataSummary): string {
  const peaks = peakMonths(s.ordersByMonth);
  return peaks.length
    ? `Orders peak in ${listInWords(peaks.map((m) => MONTHS[m]))} (last twelve months).`
    : "";
}

/**
 * The proposed first version, or null when the shop has nothing to propose from yet (no orders and
 * no catalog): the merchant then starts from empty fields.
 */
export function proposeBusinessContext(s: ShopDataSummary): ContextFields | null {
  const fields: ContextFields = {
    ...EMPTY_CONTEXT,
    bestCustomers: bestCustomers(s),
    whatTheyBuy: whatTheyBuy(s),
    seasonalMoments: seasonalMoments(s),
  };
  return fields.bestCustomers || fields.whatTheyBuy ? fields : null;
}
