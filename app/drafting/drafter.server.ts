// Which drafter writes a shop's drafts: OpenAI when a key is configured and the shop has not chosen
// the template, else the offline template drafter. Providers are kept per model so their
// concurrency limit holds across every draft this process writes.
import { getDb } from "../db.server";
import type { Db } from "../db/client.server";
import { env } from "../env.server";
import { createAnswerCache } from "./ai-cache.server";
import type { ShopDraftingSettings } from "./context.server";
import { modelFor } from "./drafter-description";
import { createOpenAiProvider } from "./openai.server";
import { ungrammaticalSentences } from "./grammar.server";
import { createTemplateProvider, type DraftProvider, templateProvider } from "./provider";

/** The offline drafter as production runs it: description sentences are grammar-screened first. */
export const screenedTemplateProvider = createTemplateProvider(ungrammaticalSentences);

export interface DraftingDeps {
  /** Chooses the provider for a shop; tests pass a fixed one. */
  providerFor(settings: ShopDraftingSettings): DraftProvider;
  /** Written when the chosen provider fails (timeout, refusal...), so no flow waits on the AI. */
  fallback: DraftProvider;
  /** Attempts per draft before it is parked with its findings. */
  maxAttempts: number;
}

const providers = new Map<string, DraftProvider>();

function openAiFor(model: string, db: Db): DraftProvider | null {
  const e = env();
  if (!e.OPENAI_API_KEY) return null;
  let provider = providers.get(model);
  if (!provider) {
    provider = createOpenAiProvider({
      apiKey: e.OPENAI_API_KEY,
      baseURL: e.OPENAI_BASE_URL,
      model,
      cache: createAnswerCache(db),
    });
    providers.set(model, provider);
  }
  return provider;
}

export function defaultDrafting(db: Db = getDb()): DraftingDeps {
  return {
    providerFor(settings) {
      if (settings.aiProvider === "template") return screenedTemplateProvider;
      return openAiFor(modelFor(settings, env()), db) ?? screenedTemplateProvider;
    },
    fallback: screenedTemplateProvider,
    maxAttempts: 3,
  };
}

export function fixedDrafting(provider: DraftProvider, maxAttempts = 3): DraftingDeps {
  return { providerFor: () => provider, fallback: templateProvider, maxAttempts };
}
