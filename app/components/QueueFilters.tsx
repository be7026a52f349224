// Approval queue filters. A GET form: the URL holds the filters, so links and reloads keep them
// and the server does the filtering. Changing a select submits at once; the button is the
// keyboard/no-JS path.
import { Form, useSubmit } from "@remix-run/react";
import { Button, InlineGrid, Select } from "@shopify/polaris";
import { useState } from "react";
import { SEGMENT_KEYS } from "../domain/segments";
import { segmentGroupLabel } from "./DraftQueueTable";

export interface QueueFilterValues {
  flow?: string;
  product?: string;
  segment?: string;
  status: string;
  staleness: string;
}

const STATUS = [
  { label: "Waiting for approval", value: "pending" },
  { label: "Approved", value: "approved" },
  { label: "Rejected", value: "rejected" },
  { label: "Stale (product changed)", value: "stale" },
  { label: "Parked", value: "parked" },
  { label: "All", value: "all" },
];
const SEGMENTS = [
  { label: "All segments", value: "" },
  { label: segmentGroupLabel(null), value: "default" },
  ...SEGMENT_KEYS.map((k) => ({ label: segmentGroupLabel(k), value: k })),
];
const STALENESS = [
  { label: "Any age", value: "any" },
  { label: "Product changed since drafted", value: "stale" },
  { label: "Up to date", value: "fresh" },
  { label: "Waiting more than 7 days", value: "waiting_7d" },
];

export function QueueFilters({
  values,
  flows,
  products,
}: {
  values: QueueFilterValues;
  flows: { key: string; name: string }[];
  products: { id: string; title: string }[];
}) {
  const submit = useSubmit();
  const [state, setState] = useState({
    flow: values.flow ?? "",
    product: values.product ?? "",
    segment: values.segment ?? "",
    status: values.status,
    staleness: values.staleness,
  });
  const change = (key: keyof typeof state) => (value: string) => {
    const next = { ...state, [key]: value };
    setState(next);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) params.set(k, v);
    submit(params, { method: "get", replace: true });
  };
  return (
    <Form method="get">
      <InlineGrid columns={{ xs: 1, sm: 2, md: 6 }} gap="300" alignItems="end">
        <Select
          label="Flow"
          name="flow"
          options={[
            { label: "All flows", value: "" },
            ...flows.map((f) => ({ label: f.name, value: f.key })),
          ]}
          value={state.flow}
          onChange={change("flow")}
        />
        <Select
          label="Product"
          name="product"
          options={[
            { label: "All products", value: "" },
            { label: "Generic (no product)", value: "generic" },
            ...products.map((p) => ({ label: p.title, value: p.id })),
          ]}
          value={state.product}
          onChange={change("product")}
        />
        <Select
          label="Segment"
          name="segment"
          options={SEGMENTS}
          value={state.segment}
          onChange={change("segment")}
        />
        <Select
          label="Status"
          name="status"
          options={STATUS}
          value={state.status}
          onChange={change("status")}
        />
        <Select
          label="Staleness"
          name="staleness"
          options={STALENESS}
          value={state.staleness}
          onChange={change("staleness")}
        />
        <Button submit>Apply filters</Button>
      </InlineGrid>
    </Form>
  );
}
