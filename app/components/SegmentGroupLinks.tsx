// The approval queue's segment groups at a glance: how many drafts each segment's copy has (under
// the other filters), each a link that narrows the queue to that group.
import { Link, useLocation } from "@remix-run/react";
import { InlineStack, Text } from "@shopify/polaris";
import { segmentGroupLabel } from "./DraftQueueTable";

export function SegmentGroupLinks({ groups }: { groups: { segment: string | null; count: number }[] }) {
  const location = useLocation();
  // Only worth showing once some step writes per segment.
  if (!groups.some((g) => g.segment !== null)) return null;
  const hrefFor = (segment: string | null) => {
    const params = new URLSearchParams(location.search);
    params.set("segment", segment ?? "default");
    params.delete("page");
    return `${location.pathname}?${params}`;
  };
  return (
    <InlineStack gap="300" blockAlign="center">
      <Text as="span" variant="headingSm">
        By segment:
      </Text>
      {groups.map((g) => (
        <Link key={g.segment ?? "default"} to={hrefFor(g.segment)} data-testid="segment-group-link">
          {`${segmentGroupLabel(g.segment)}: ${g.count.toLocaleString("en")}`}
        </Link>
      ))}
    </InlineStack>
  );
}
