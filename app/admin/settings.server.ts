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

// Sender name and reply-to end up in mail headers, the address in every footer: a CR/LF would split
// a header and markup would reach the HTML, so both are refused with the field named.
/** C0/C1 control characters and Unicode line separators; line feeds allowed where lines are. */
function hasControl(value: string, lines: boolean): boolean {
  for (const ch of value) {
    const c = ch.codePointAt(0) ?? 0;
    if (lines && (c === 10 || c === 13)) continue;
    if (c < 32 || (c >= 127 && c <= 159) || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}
const MARKUP = /[<>]/;

function plain(schema: z.ZodString, label: string, lines = false) {
  return schema
    .refine((v) => !hasControl(v, lines), {
      message: lines
        ? `${label} may not contain control characters (line breaks are fine)`
        : `${label} may not contain line breaks or control characters`,
    })
    .refine((v) => !MARKUP.test(v), { message: `${label} may not contain < or > (no HTML)` });
}

const int = (min: number, max: number, label: string) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

export const settingsSchema = z.object({
  senderName: plain(
    z.string().trim().min(1, "Enter the name customers see as the sender").max(80),
    "Sender name",
  ),
  replyTo: plain(z.string().trim(), "Reply-to").pipe(z.email("Enter a valid email address")),
  postalAddress: plain(
    z
      .string()
      .trim()
      .min(10, "Enter the shop's full postal address: every marketing email must show it")
      .max(300),
    "Postal address",
    true,
  ),
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
  approvalDigest: z.enum(["daily", "off"], { error: "Choose whether to get the approvals email" }),
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
  approvalDigest: string;
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
    approvalDigest: row.approvalDigest,
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
