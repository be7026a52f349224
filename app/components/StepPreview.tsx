// A step's preview for a sample customer and product, folded away until asked for.
import { Banner, BlockStack, Button, Collapsible, Text } from "@shopify/polaris";
import { useState } from "react";
import type { StepPreview as StepPreviewData } from "../admin/step-previews.server";
import { EmailPreview } from "./EmailPreview";

export function StepPreview({ data, label }: { data: StepPreviewData | undefined; label: string }) {
  const [open, setOpen] = useState(false);
  const id = `preview-${data?.stepKey ?? label}`.replace(/[^a-z0-9-]/gi, "-");
  if (!data || data.source === "none" || !data.preview) {
    return (
      <Text as="p" tone="subdued">
        No copy for this step yet: Tend drafts it when the flow is switched on.
      </Text>
    );
  }
  return (
    <BlockStack gap="200">
      <div>
        <Button variant="plain" onClick={() => setOpen((o) => !o)} ariaExpanded={open} ariaControls={id}>
          {open ? `Hide preview` : `Preview for ${data.sampleName} and “${data.productTitle}”`}
        </Button>
      </div>
      <Collapsible id={id} open={open}>
        <BlockStack gap="200">
          {data.source === "pending" ? (
            <Banner tone="info">
              <p>Not approved yet: this is the newest draft waiting for your review.</p>
            </Banner>
          ) : null}
          {open ? <EmailPreview preview={data.preview} label={label} /> : null}
        </BlockStack>
      </Collapsible>
    </BlockStack>
  );
}
