// The voice guide's storage: each save is a new version, drafts record the version they used.
import type { Db } from "../db/client.server";
import { DEFAULT_VOICE_GUIDE, type VoiceGuideData, voiceGuideInputSchema } from "./voice-guide";

export type SaveVoiceResult =
  | { ok: true; guide: VoiceGuideData }
  | { ok: false; fieldErrors: Record<string, string[]> };

function list(text: string): string[] {
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** The shop's latest guide, or Tend's default (version 0) before the merchant saves one. */
export async function getVoiceGuide(db: Db, shop: string): Promise<VoiceGuideData> {
  const row = await db.voiceGuide.findFirst({ where: { shop }, orderBy: { version: "desc" } });
  if (!row) return DEFAULT_VOICE_GUIDE;
  return {
    version: row.version,
    examples: list(row.examples),
    rules: list(row.rules),
    genericSample: row.genericSample,
    voiceSample: row.voiceSample,
    bannedWords: list(row.bannedWords),
    maxDiscountPercent: row.maxDiscountPercent,
    signOff: row.signOff,
  };
}

export async function saveVoiceGuide(
  db: Db,
  shop: string,
  input: unknown,
  actor: string,
): Promise<SaveVoiceResult> {
  const parsed = voiceGuideInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "form");
      fieldErrors[key] = [...(fieldErrors[key] ?? []), issue.message];
    }
    return { ok: false, fieldErrors };
  }
  const g = parsed.data;
  // Two saves racing for the same version: the unique (shop, version) index refuses one; retry it.
  for (let attempt = 0; ; attempt++) {
    const last = await db.voiceGuide.findFirst({
      where: { shop },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    const version = (last?.version ?? 0) + 1;
    try {
      await db.voiceGuide.create({
        data: {
          shop,
          version,
          examples: JSON.stringify(g.examples),
          rules: JSON.stringify(g.rules),
          genericSample: g.genericSample,
          voiceSample: g.voiceSample,
          bannedWords: JSON.stringify(g.bannedWords),
          maxDiscountPercent: g.maxDiscountPercent,
          signOff: g.signOff,
          createdBy: actor,
        },
      });
      return { ok: true, guide: { ...g, version } };
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}
