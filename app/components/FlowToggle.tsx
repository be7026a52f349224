// The on/off switch for a flow. Posts to the flow's route; shows the intended state at once
// (optimistic) and a toast when the server confirms.
import { useFetcher } from "@remix-run/react";
import { Badge, Button, InlineStack } from "@shopify/polaris";
import { type ActionResult, useActionToast } from "./useActionToast";

export function FlowToggle({ flowKey, name, enabled }: { flowKey: string; name: string; enabled: boolean }) {
  const fetcher = useFetcher<ActionResult>();
  useActionToast(fetcher.data, fetcher.state);
  const pending = fetcher.formData?.get("enabled");
  const on = pending != null ? pending === "true" : enabled;
  return (
    <fetcher.Form method="post" action={`/app/flows/${flowKey}`}>
      <input type="hidden" name="intent" value="toggle" />
      <input type="hidden" name="enabled" value={on ? "false" : "true"} />
      <InlineStack gap="200" blockAlign="center" wrap={false}>
        <Badge tone={on ? "success" : undefined}>{on ? "On" : "Off"}</Badge>
        <Button
          submit
          size="slim"
          loading={fetcher.state !== "idle"}
          accessibilityLabel={`${on ? "Turn off" : "Turn on"} ${name}`}
        >
          {on ? "Turn off" : "Turn on"}
        </Button>
      </InlineStack>
    </fetcher.Form>
  );
}
