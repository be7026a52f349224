// Previews for each step of a flow: the copy a sample customer would get today (approved copy
// first, else the newest draft still under review), rendered for a sample product.
import type { Db } from "../db.server";
import { parseCopy } from "./copy";
import type { FlowStepView } from "./flows.server";
import { type Preview, renderPreview, sampleContext } from "./preview.server";

export interface StepPreview {
  stepKey: string;
  source: "approved" | "pending" | "none";
  sampleName: string;
  productTitle: string;
  preview: Preview | null;
}

export async function loadStepPreviews(
  db: Db,
  shop: string,
  flowKey: string,
  steps: FlowStepView[],
): Promise<StepPreview[]> {
  const sample = await sampleContext(db, shop);
  return Promise.all(
    steps.map(async (step) => {
      const pick = async (statuses: string[]) => {
        const forProduct = sample.product.shopifyId
          ? await db.draft.findFirst({
              where: {
                shop,
                flowKey,
                stepKey: step.key,
                productShopifyId: sample.product.shopifyId,
                segment: null, // the preview shows the default copy everyone gets
                status: { in: statuses },
              },
              orderBy: { createdAt: "desc" },
              select: { content: true },
            })
          : null;
        return (
          forProduct ??
          db.draft.findFirst({
            where: { shop, flowKey, stepKey: step.key, segment: null, status: { in: statuses } },
            orderBy: [{ productShopifyId: "asc" }, { createdAt: "desc" }],
            select: { content: true },
          })
        );
      };
      const approved = await pick(["approved"]);
      const draft = approved ?? (await pick(["pending", "stale"]));
      const base = { stepKey: step.key, sampleName: sample.firstName, productTitle: sample.product.title };
      if (!draft) return { ...base, source: "none" as const, preview: null };
      const preview = await renderPreview(parseCopy(draft.content), sample, shop, step.discountPercent);
      return { ...base, source: approved ? ("approved" as const) : ("pending" as const), preview };
    }),
  );
}
