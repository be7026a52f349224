// AiCache rows: provider answers kept by (shop, prompt hash, model), so a repeated prompt is free.
import type { Db } from "../db/client.server";
import type { AnswerCache } from "./openai.server";

export function createAnswerCache(db: Db): AnswerCache {
  return {
    async get(shop, promptHash, model) {
      const row = await db.aiCache.findUnique({
        where: { shop_promptHash_model: { shop, promptHash, model } },
        select: { response: true, inputTokens: true, outputTokens: true },
      });
      return row;
    },
    async put(shop, promptHash, model, answer) {
      await db.aiCache.upsert({
        where: { shop_promptHash_model: { shop, promptHash, model } },
        create: { shop, promptHash, model, ...answer },
        update: { ...answer },
      });
    },
  };
}
