// The process environment, validated once at boot. A missing or malformed variable stops the
// process with a message naming it; nothing else in the app reads process.env directly.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** "demo" runs against the local demo store with the loopback-only auth bypass. */
    TEND_MODE: z.enum(["live", "demo"]).default("live"),
    SHOPIFY_API_KEY: z.string().min(1).optional(),
    SHOPIFY_API_SECRET: z.string().min(1).optional(),
    SHOPIFY_APP_URL: z.url().optional(),
    SCOPES: z.string().optional(),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
      .optional(),
    HOST: z.string().default("127.0.0.1"),
    PORT: z.coerce.number().int().positive().default(3000),
    /** "inline" runs the scheduler inside the web process; "off" leaves it to `npm run worker`. */
    TEND_WORKER: z.enum(["inline", "off"]).default("inline"),
    /** Proxies in front of the app (load balancer = 1): how many X-Forwarded-For hops to trust. */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** Heap ceiling of the process a backfill file is ingested in (keeps its RSS bounded). */
    TEND_BACKFILL_HEAP_MB: z.coerce.number().int().min(64).max(4096).default(128),
    /** Set by app/cli/run.mjs: the entry a worker forks backfill ingestion with (unset: in-process). */
    TEND_BACKFILL_ENTRY: z.string().optional(),
    /** Secret for unsubscribe/click tokens; falls back to the app secret. */
    TEND_SIGNING_SECRET: z.string().min(16).optional(),
    /** Secret providers (or a relay) sign bounce/complaint events with; unset: the endpoint is off. */
    TEND_EMAIL_EVENTS_SECRET: z.string().min(16).optional(),
    OPENAI_API_KEY: z.string().optional(),
    OPENAI_BASE_URL: z.url().optional(),
    OPENAI_MODEL: z.string().default("gpt-4o-mini"),
    SMTP_URL: z.string().optional(),
    MAIL_FROM_DOMAIN: z.string().default("mail.tend.local"),
    DKIM_DOMAIN: z.string().optional(),
    DKIM_SELECTOR: z.string().optional(),
    DKIM_PRIVATE_KEY: z.string().optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    TEND_SKIP_AUTO_MIGRATE: bool,
  })
  .superRefine((env, ctx) => {
    if (env.TEND_MODE === "live") {
      for (const key of ["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"] as const) {
        if (!env[key])
          ctx.addIssue({ code: "custom", path: [key], message: "is required outside demo mode" });
      }
      // Every email's unsubscribe and click links point here; mailbox providers expect https.
      const appUrl = env.SHOPIFY_APP_URL;
      if (env.NODE_ENV === "production" && appUrl && !/^https:\/\//i.test(appUrl))
        ctx.addIssue({
          code: "custom",
          path: ["SHOPIFY_APP_URL"],
          message: "must be an https:// URL in production (email unsubscribe and click links use it)",
        });
    }
  });

export type Env = z.infer<typeof schema>;

/** Demo defaults: a local store that needs no Shopify, OpenAI or SMTP credentials. */
export const DEMO_DEFAULTS = {
  SHOPIFY_API_KEY: "tend-demo-api-key",
  SHOPIFY_API_SECRET: "tend-demo-api-secret-not-for-production",
  SCOPES:
    "read_orders,read_all_orders,read_customers,write_customers,read_products,write_discounts,write_pixels,read_customer_events,write_marketing_events",
} as const;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Tend cannot start: invalid environment\n${lines.join("\n")}`);
  }
  const env = result.data;
  if (env.TEND_MODE === "demo") {
    env.SHOPIFY_API_KEY ??= DEMO_DEFAULTS.SHOPIFY_API_KEY;
    env.SHOPIFY_API_SECRET ??= DEMO_DEFAULTS.SHOPIFY_API_SECRET;
    env.SHOPIFY_APP_URL ??= `http://${env.HOST === "0.0.0.0" ? "127.0.0.1" : env.HOST}:${env.PORT}`;
  }
  env.SCOPES ??= DEMO_DEFAULTS.SCOPES;
  return env;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change process.env between cases; this forgets the parsed copy. */
export function resetEnvForTests(): void {
  cached = undefined;
}
