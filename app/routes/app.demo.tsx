// The demo store's controls inside the admin: the simulated time, buttons that move it forward so
// flows visibly progress, and a storefront replay. Exists only in demo mode.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { requireAdmin } from "../admin.server";
import { getDb } from "../db.server";
import { advanceDemo, demoClock, demoQuietHours, replayDemo } from "../demo/actions.server";
import { formatDuration, parseDuration } from "../demo/duration";

const formSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("advance"), by: z.string().max(20) }),
  z.object({ intent: z.literal("replay") }),
]);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  if (!admin.demo) throw new Response("Not found", { status: 404 });
  const db = getDb();
  const clock = await demoClock();
  const [quiet, nextDue, pending, drafts, outbox] = await Promise.all([
    demoQuietHours(db, admin.shop),
    db.dueStep.findFirst({
      where: { shop: admin.shop, status: "pending" },
      orderBy: { dueAt: "asc" },
      select: { dueAt: true },
    }),
    db.dueStep.count({ where: { shop: admin.shop, status: "pending" } }),
    db.draft.count({ where: { shop: admin.shop, status: "pending" } }),
    db.message.groupBy({
      by: ["flowKey"],
      where: { shop: admin.shop, transport: "outbox" },
      _count: { _all: true },
    }),
  ]);
  return {
    clock,
    quiet,
    nextDueAt: nextDue?.dueAt.toISOString() ?? null,
    pending,
    drafts,
    outbox: outbox.map((o) => ({ flowKey: o.flowKey, count: o._count._all })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  if (!admin.demo) throw new Response("Not found", { status: 404 });
  const parsed = formSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return Response.json({ error: "Unknown demo action" }, { status: 400 });
  if (parsed.data.intent === "replay") {
    const replayed = await replayDemo();
    return { message: `Replayed ${replayed.length} storefront events through the webhook routes.` };
  }
  const ms = parseDuration(parsed.data.by);
  if (ms === null) return Response.json({ error: "Use a duration like 2h, 1d or 7d." }, { status: 400 });
  const state = await advanceDemo(ms);
  return {
    message: `Moved the demo clock forward ${formatDuration(ms)}: it is now ${new Date(state.now).toUTCString()}. ${state.sent} emails went out on the way.`,
  };
}

export default function DemoControls() {
  const { clock, quiet, nextDueAt, pending, drafts, outbox } = useLoaderData<typeof loader>();
  const result = useActionData<{ message?: string; error?: string }>();
  const busy = useNavigation().state !== "idle";
  return (
    <Page
      title="Demo store"
      subtitle="Cedar & Ember Outfitters: a local store with seeded customers and orders"
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result?.message ? <Banner tone="success">{result.message}</Banner> : null}
            {result?.error ? <Banner tone="critical">{result.error}</Banner> : null}
            {quiet.active ? (
              <Banner tone="info" title="Quiet hours: sends are held">
                {quiet.text}
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Demo clock
                </Text>
                <Text as="p">
                  Simulated time: <strong>{new Date(clock.now).toUTCString()}</strong> (
                  {formatDuration(clock.offsetMs)} ahead of real time). {pending} flow steps are waiting
                  {nextDueAt ? `; the next comes due ${new Date(nextDueAt).toUTCString()}` : ""}.
                </Text>
                {quiet.active ? null : (
                  <Text as="p" tone="subdued">
                    {quiet.text}
                  </Text>
                )}
                <Text as="p" tone="subdued">
                  An advance stops at every step that comes due on the way, as real time would, so a send held
                  for quiet hours goes out when they end. {drafts} drafts wait in the approvals queue.
                </Text>
                <InlineStack gap="200">
                  {["1h", "1d", "7d", "30d"].map((by) => (
                    <Form method="post" key={by}>
                      <input type="hidden" name="intent" value="advance" />
                      <input type="hidden" name="by" value={by} />
                      <Button submit disabled={busy}>{`Advance ${by}`}</Button>
                    </Form>
                  ))}
                </InlineStack>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Storefront activity
                </Text>
                <Text as="p">
                  Sends signed checkout and order webhooks to this app's real webhook routes: shoppers who
                  abandon a checkout, one who comes back and buys, and first-time buyers.
                </Text>
                <Form method="post">
                  <input type="hidden" name="intent" value="replay" />
                  <Button submit disabled={busy} variant="primary">
                    Replay storefront activity
                  </Button>
                </Form>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Outbox by flow
                </Text>
                {outbox.length ? (
                  <List>
                    {outbox.map((o) => (
                      <List.Item key={o.flowKey}>
                        {o.flowKey}: {o.count} emails
                      </List.Item>
                    ))}
                  </List>
                ) : (
                  <Text as="p" tone="subdued">
                    Nothing sent yet. Advance the clock to let due steps fire.
                  </Text>
                )}
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
