// Shop settings: the form's schema (what a merchant may set, with bounds) and its persistence.
// Values arrive as form strings; the schema coerces them and names the field that is wrong.
import { z } from "zod";
import type { Db } from "../db.server";
import { clockToMinutes, minutesToClock } from "./format";

const clock = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const minutes = clockToMinutes(v);
    if (minutes === null) {
      ctx.addIssue({ code: "custom", message: "Use 24-hour time, like 21:00" });
      return z.NEVER;
    }
    return minutes;
  });

const int = (min: number, max: number, label: string) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

export const settingsSchema = z.object({
  senderName: z.string().trim().min(1, "Enter the name customers see as the sender").max(80),
  replyTo: z.email("Enter a valid email address").trim(),
  postalAddress: z
    .string()
    .trim()
    .min(10, "Enter the shop's full postal address: every marketing email must show it")
    .max(300),
  quietHoursStart: clock,
  quietHoursEnd: clock,
  frequencyCapCount: int(1, 20, "Emails per period"),
  frequencyCapDays: int(1, 60, "Period in days"),
  holdoutPercent: int(0, 50, "Holdout"),
  dailySendLimit: int(1, 100_000, "Daily send limit"),
  maxDiscountPercent: int(0, 90, "Maximum discount"),
  aiProvider: z.enum(["auto", "openai", "template"], { error: "Choose a drafting provider" }),
  aiModel: z.string().trim().min(1, "Enter a model name").max(100),
  unapprovedFallback: z.enum(["generic", "hold"], { error: "Choose what happens without approved copy" }),
});

export type SettingsInput = z.infer<typeof settingsSchema>;
export type FieldErrors = Partial<Record<string, string>>;

/** The form's view of settings: clock fields as HH:MM strings. */
export interface SettingsForm {
  senderName: string;
  replyTo: string;
  postalAddress: string;
  quietHoursStart: string;
  quietHoursEnd: string;
  frequencyCapCount: string;
  frequencyCapDays: string;
  holdoutPercent: string;
  dailySendLimit: string;
  maxDiscountPercent: string;
  aiProvider: string;
  aiModel: string;
  unapprovedFallback: string;
}

export async function getSettingsForm(db: Db, shop: string): Promise<SettingsForm> {
  const s = await db.shopSettings.findUnique({ where: { shop } });
  // No row yet means Tend's defaults: the schema's defaults live in prisma/schema.prisma.
  const row = s ?? (await db.shopSettings.create({ data: { shop } }));
  return {
    senderName: row.senderName ?? "",
    replyTo: row.replyTo ?? "",
    postalAddress: row.postalAddress ?? "",
    quietHoursStart: minutesToClock(row.quietHoursStart),
    quietHoursEnd: minutesToClock(row.quietHoursEnd),
    frequencyCapCount: String(row.frequencyCapCount),
    frequencyCapDays: String(row.frequencyCapDays),
    holdoutPercent: String(row.holdoutPercent),
    dailySendLimit: String(row.dailySendLimit),
    maxDiscountPercent: String(row.maxDiscountPercent),
    aiProvider: row.aiProvider,
    aiModel: row.aiModel,
    unapprovedFallback: row.unapprovedFallback,
  };
}

export function parseSettings(
  raw: Record<string, unknown>,
): { ok: true; value: SettingsInput } | { ok: false; errors: FieldErrors } {
  const result = settingsSchema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? "form");
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

export async function saveSettings(db: Db, shop: string, input: SettingsInput): Promise<void> {
  await db.shopSettings.upsert({ where: { shop }, create: { shop, ...input }, update: input });
}

export async function dismissOnboarding(db: Db, shop: string, now: Date): Promise<void> {
  await db.shopSettings.upsert({
    where: { shop },
    create: { shop, onboardingDismissedAt: now },
    update: { onboardingDismissedAt: now },
  });
}
