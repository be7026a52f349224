// Which drafter writes a shop's copy, in words the merchant reads on the approvals page and the
// worker logs at boot. Pure: the same choice drafter.server.ts makes, without building a provider.
import { SETTINGS_DEFAULTS, type ShopDraftingSettings } from "./context.server";

export interface DrafterEnv {
  OPENAI_API_KEY?: string;
  OPENAI_MODEL?: string;
}

export interface DrafterDescription {
  kind: "openai" | "template";
  model: string | null;
  label: string;
}

export const OFFLINE_LABEL = "offline templates — set OPENAI_API_KEY for AI drafts";

/** The shop's model once the merchant picks one; until then OPENAI_MODEL names it. */
export function modelFor(settings: Pick<ShopDraftingSettings, "aiModel">, e: DrafterEnv): string {
  return settings.aiModel !== SETTINGS_DEFAULTS.aiModel
    ? settings.aiModel
    : (e.OPENAI_MODEL ?? SETTINGS_DEFAULTS.aiModel);
}

export function drafterDescription(
  e: DrafterEnv,
  settings: Pick<ShopDraftingSettings, "aiProvider" | "aiModel"> = SETTINGS_DEFAULTS,
): DrafterDescription {
  if (settings.aiProvider === "template")
    return { kind: "template", model: null, label: "offline templates (chosen in settings)" };
  if (!e.OPENAI_API_KEY?.trim()) return { kind: "template", model: null, label: OFFLINE_LABEL };
  const model = modelFor(settings, e);
  return { kind: "openai", model, label: `OpenAI ${model}` };
}
