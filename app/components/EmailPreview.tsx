// The email as a customer would see it: desktop and mobile widths (sandboxed iframes, no
// scripts) and the plain-text part. Fixed heights so switching tabs never shifts the page.
import { Banner, BlockStack, Box, Tabs, Text } from "@shopify/polaris";
import { useState } from "react";

export interface PreviewData {
  subject: string;
  preheader: string;
  html: string;
  text: string;
  error: string | null;
}

const TABS = [
  { id: "desktop", content: "Desktop", width: 640 },
  { id: "mobile", content: "Mobile", width: 375 },
  { id: "text", content: "Plain text", width: 0 },
];

export function EmailPreview({ preview, label }: { preview: PreviewData; label: string }) {
  const [selected, setSelected] = useState(0);
  const tab = TABS[selected];
  return (
    <BlockStack gap="300">
      <BlockStack gap="100">
        <Text as="p" fontWeight="semibold">
          {preview.subject || "(no subject)"}
        </Text>
        <Text as="p" tone="subdued">
          {preview.preheader}
        </Text>
      </BlockStack>
      {preview.error ? (
        <Banner tone="warning" title="This preview could not be rendered">
          <p>{preview.error}</p>
        </Banner>
      ) : null}
      <Tabs
        tabs={TABS.map(({ id, content }) => ({ id, content, panelID: `${id}-panel` }))}
        selected={selected}
        onSelect={setSelected}
      >
        <Box paddingBlockStart="300" id={`${tab.id}-panel`}>
          {tab.id === "text" ? (
            <Box background="bg-surface-secondary" padding="300" borderRadius="200" minHeight="480px">
              <pre style={{ whiteSpace: "pre-wrap", margin: 0, font: "inherit" }} data-testid="preview-text">
                {preview.text}
              </pre>
            </Box>
          ) : (
            <div
              style={{
                overflowX: "auto",
                background: "var(--p-color-bg-surface-secondary)",
                padding: 8,
                borderRadius: 8,
              }}
            >
              <iframe
                title={`${label}, ${tab.content.toLowerCase()} preview`}
                srcDoc={preview.html}
                sandbox=""
                style={{
                  width: tab.width,
                  maxWidth: "100%",
                  height: 560,
                  border: 0,
                  background: "#fff",
                  display: "block",
                  margin: "0 auto",
                }}
              />
            </div>
          )}
        </Box>
      </Tabs>
    </BlockStack>
  );
}
