// Server-side pagination: previous/next links that keep the current filters in the URL.
import { useNavigate, useSearchParams } from "@remix-run/react";
import { InlineStack, Pagination, Text } from "@shopify/polaris";

export function PageNav({
  page,
  pageCount,
  total,
  noun,
}: {
  page: number;
  pageCount: number;
  total: number;
  noun: string;
}) {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const go = (to: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(to));
    navigate(`?${next.toString()}`);
  };
  return (
    <InlineStack align="space-between" blockAlign="center">
      <Text as="p" tone="subdued">
        {total.toLocaleString("en")} {noun}
        {total === 1 ? "" : "s"} · page {page} of {pageCount}
      </Text>
      <Pagination
        hasPrevious={page > 1}
        onPrevious={() => go(page - 1)}
        hasNext={page < pageCount}
        onNext={() => go(page + 1)}
        accessibilityLabels={{ previous: "Previous page", next: "Next page" }}
      />
    </InlineStack>
  );
}
