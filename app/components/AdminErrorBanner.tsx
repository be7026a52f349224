// What a merchant sees when an admin page fails: a calm Polaris banner, never a stack trace.
import { isRouteErrorResponse } from "@remix-run/react";
import { AppProvider, Banner, BlockStack, Page, Text } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";

export function errorSummary(error: unknown): { title: string; detail: string } {
  if (isRouteErrorResponse(error)) {
    if (error.status === 404)
      return { title: "Not found", detail: "That page or record does not exist in this shop." };
    return {
      title: `Request failed (${error.status})`,
      detail: typeof error.data === "string" ? error.data : "Please try again.",
    };
  }
  return {
    title: "Something went wrong",
    detail: "Tend could not load this page. Please reload; if it keeps happening, contact support.",
  };
}

export function AdminErrorBanner({ error }: { error: unknown }) {
  const { title, detail } = errorSummary(error);
  return (
    <AppProvider i18n={en}>
      <Page title="Tend">
        <BlockStack gap="400">
          <Banner tone="critical" title={title}>
            <Text as="p">{detail}</Text>
          </Banner>
        </BlockStack>
      </Page>
    </AppProvider>
  );
}
