// Loads what every draft of a shop shares (settings, voice guide, shop name and currency) once,
// so drafting a whole catalog does not re-read them per draft.
import type { Db } from "../db/client.server";
import type { BusinessContextForDraft } from "./business-context";
import { getBusinessContext } from "./business-context.server";
import type { VoiceGuideData } from "./voice-guide";
import { getVoiceGuide } from "./voice.server";

export interface ShopDraftingSettings {
  maxDiscountPercent: number;
  unapprovedFallback: "generic" | "hold";
  approvalGraceMinutes: number;
  aiProvider: "auto" | "openai" | "template";
  aiModel: string;
}

export const SETTINGS_DEFAULTS: ShopDraftingSettings = {
  maxDiscountPercent: 15,
  unapprovedFallback: "generic",
  approvalGraceMinutes: 60,
  aiProvider: "auto",
  aiModel: "gpt-4o-mini",
};

export interface ShopContext {
  shop: string;
  shopName: string;
  currency: string;
  settings: ShopDraftingSettings;
  voice: VoiceGuideData;
  businessContext: BusinessContextForDraft | null;
}

export async function loadSettings(db: Db, shop: string): Promise<ShopDraftingSettings> {
  const row = await db.shopSettings.findUnique({
    where: { shop },
    select: {
      maxDiscountPercent: true,
      unapprovedFallback: true,
      approvalGraceMinutes: true,
      aiProvider: true,
      aiModel: true,
    },
  });
  if (!row) return SETTINGS_DEFAULTS;
  return {
    maxDiscountPercent: row.maxDiscountPercent,
    unapprovedFallback: row.unapprovedFallback === "hold" ? "hold" : "generic",
    approvalGraceMinutes: Math.max(0, row.approvalGraceMinutes),
    aiProvider: row.aiProvider === "openai" || row.aiProvider === "template" ? row.aiProvider : "auto",
    aiModel: row.aiModel || SETTINGS_DEFAULTS.aiModel,
  };
}

export async function loadShopContext(db: Db, shop: string): Promise<ShopContext> {
  const [row, settings, voice, businessContext] = await Promise.all([
    db.shop.findUnique({ where: { shop }, select: { name: true, currency: true } }),
    loadSettings(db, shop),
    getVoiceGuide(db, shop),
    getBusinessContext(db, shop),
  ]);
  return {
    shop,
    shopName: row?.name ?? shop.replace(/\.myshopify\.com$/, ""),
    currency: row?.currency ?? "USD",
    settings,
    voice,
    businessContext,
  };
}
