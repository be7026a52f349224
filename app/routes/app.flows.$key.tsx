// Flow detail: the switch, the trigger and exits, and the steps as an editable timeline with a
// preview of each step. Saving shows first what happens to customers already in the flow.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { useActionData, useFetcher, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { SaveBar, TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, List, Page, Text } from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { requireAdmin } from "../admin.server";
import { editImpact, type ImpactResult, saveFlowConfig, switchFlow } from "../admin/flow-actions.server";
import { loadFlowAb } from "../admin/flow-ab.server";
import { loadFlowDetail } from "../admin/flows.server";
import { loadSegmentCopyPlan, saveSegmentCopy } from "../admin/segment-copy.server";
import { loadStepPreviews } from "../admin/step-previews.server";
import { now } from "../clock.server";
import { AbTestsCard } from "../components/AbTestsCard";
import { EntryFilters, type FilterValues } from "../components/EntryFilters";
import { FlowToggle } from "../components/FlowToggle";
import { SegmentCopyCard } from "../components/SegmentCopyCard";
import { type StepEdit, StepTimeline, splitDelay } from "../components/StepTimeline";
import { StepPreview } from "../components/StepPreview";
import { useToast } from "../components/useToast";
import { WELCOME_DISCOUNT_STEP, WelcomeDiscount } from "../components/WelcomeDiscount";
import { getDb } from "../db.server";
import { FLOW_CATALOG, type FlowKey, isFlowKey } from "../flows/catalog";
import type { FlowOverrides } from "../flows/config";
import { setPersonalisationTest, undoDecision } from "../insights/ab-decisions.server";

function flowKeyOr404(key: string | undefined): FlowKey {
  if (!key || !isFlowKey(key)) throw new Response("Flow not found", { status: 404 });
  return key;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const key = flowKeyOr404(params.key);
  const db = getDb();
  const flow = await loadFlowDetail(db, shop, key);
  const [previews, ab, segmentCopy] = await Promise.all([
    loadStepPreviews(db, shop, key, flow.steps),
    loadFlowAb(db, shop, key),
    loadSegmentCopyPlan(db, shop, key),
  ]);
  return { flow, previews, ab, segmentCopy };
}

/** Asking for an edit's impact changes nothing: no need to reload the page's data after it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "impact" ? false : defaultShouldRevalidate;

const UNIT_MINUTES = { minutes: 1, hours: 60, days: 1440 } as const;

/** Form fields delay.<step>, unit.<step>, discount.<step> → the flows module's overrides. */
function parseOverrides(
  key: FlowKey,
  form: FormData,
): { overrides: FlowOverrides; errors: Record<string, string> } {
  const steps: NonNullable<FlowOverrides["steps"]> = {};
  const errors: Record<string, string> = {};
  for (const step of FLOW_CATALOG[key].steps) {
    const amount = z.coerce
      .number()
      .int()
      .min(0)
      .safeParse(form.get(`delay.${step.key}`));
    const unit = z.enum(["minutes", "hours", "days"]).safeParse(form.get(`unit.${step.key}`));
    const rawDiscount = String(form.get(`discount.${step.key}`) ?? "").trim();
    const discount =
      rawDiscount === ""
        ? { success: true as const, data: null }
        : z.coerce.number().int().safeParse(rawDiscount);
    if (!amount.success || !unit.success) errors[`steps.${step.key}.delayMinutes`] = "Enter a whole number";
    if (!discount.success)
      errors[`steps.${step.key}.discountPercent`] = "Enter a whole percentage or leave empty";
    if (amount.success && unit.success && discount.success) {
      // Only what differs from the catalog becomes an override, so catalog improvements still
      // reach steps the merchant never touched.
      const delayMinutes = amount.data * UNIT_MINUTES[unit.data];
      const o: { delayMinutes?: number; discountPercent?: number | null } = {};
      if (delayMinutes !== step.delayMinutes) o.delayMinutes = delayMinutes;
      if (discount.data !== step.discountPercent) o.discountPercent = discount.data;
      if (Object.keys(o).length) steps[step.key] = o;
    }
  }
  const overrides: FlowOverrides = { steps };
  const base = FLOW_CATALOG[key];
  const defaults = {
    lapseDays: base.trigger.kind === "lapsed" ? base.trigger.lapseDays : null,
    oncePerDays: base.trigger.kind === "pixel" ? base.trigger.oncePerDays : null,
    cooldownDays: base.cooldownDays,
  };
  for (const name of ["lapseDays", "oncePerDays", "cooldownDays"] as const) {
    const raw = form.get(name);
    if (raw == null || raw === "" || defaults[name] === null) continue;
    const value = z.coerce.number().int().safeParse(raw);
    if (!value.success) errors[name] = "Enter a whole number of days";
    else if (value.data !== defaults[name]) overrides[name] = value.data;
  }
  return { overrides, errors };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { shop, user } = await requireAdmin(request, context);
  const key = flowKeyOr404(params.key);
  const form = await request.formData();
  const db = getDb();
  const intent = form.get("intent");
  if (intent === "toggle") {
    const enabled = z.enum(["true", "false"]).safeParse(form.get("enabled"));
    if (!enabled.success)
      return Response.json({ error: "Say whether to turn the flow on or off" }, { status: 400 });
    const on = enabled.data === "true";
    const { exited } = await switchFlow(db, shop, key, on, now(), user);
    const left = exited ? `; ${exited} customer${exited === 1 ? "" : "s"} left the flow` : "";
    return { ok: true, message: `${FLOW_CATALOG[key].name} turned ${on ? "on" : "off"}${left}` };
  }
  if (intent === "ab-undo") {
    const id = z.string().min(1).safeParse(form.get("decisionId"));
    if (!id.success) return Response.json({ error: "Say which decision to undo" }, { status: 400 });
    if (!(await undoDecision(db, shop, id.data, user, now())))
      return Response.json({ error: "That decision is not in force any more" }, { status: 404 });
    return { ok: true, message: "Decision undone: the split runs again" };
  }
  if (intent === "personalisation") {
    const enabled = z.enum(["true", "false"]).safeParse(form.get("enabled"));
    if (!enabled.success)
      return Response.json({ error: "Say whether to start or stop the test" }, { status: 400 });
    await setPersonalisationTest(db, shop, key, enabled.data === "true", user, now());
    return {
      ok: true,
      message:
        enabled.data === "true"
          ? "Personalised vs generic test started"
          : "Test stopped: everyone gets personalised copy",
    };
  }
  if (intent === "segments") {
    let marking: unknown;
    try {
      marking = JSON.parse(String(form.get("segments") ?? "{}"));
    } catch {
      return Response.json({ ok: false, fieldErrors: { segments: "Unreadable choice" } }, { status: 400 });
    }
    const saved = await saveSegmentCopy(db, shop, key, marking, user, now());
    if (!saved.ok) return Response.json({ ok: false, fieldErrors: saved.fieldErrors }, { status: 400 });
    const next = saved.drafting ? "; drafts are being written" : "";
    return { ok: true, message: `Per-segment copy saved${next}` };
  }
  if (intent === "impact") {
    const { overrides, errors } = parseOverrides(key, form);
    if (Object.keys(errors).length) return { impact: { ok: false as const, fieldErrors: errors } };
    return { impact: await editImpact(db, shop, key, overrides) };
  }
  if (intent === "config") {
    const { overrides, errors } = parseOverrides(key, form);
    if (Object.keys(errors).length) return Response.json({ ok: false, fieldErrors: errors }, { status: 400 });
    const result = await saveFlowConfig(db, shop, key, overrides, now());
    if (!result.ok) return Response.json({ ok: false, fieldErrors: result.fieldErrors }, { status: 400 });
    return { ok: true, message: "Flow saved", fieldErrors: {} };
  }
  return Response.json({ error: "Unknown action" }, { status: 400 });
}

function initialEdits(steps: { key: string; delayMinutes: number; discountPercent: number | null }[]) {
  return Object.fromEntries(
    steps.map((s) => [
      s.key,
      { ...splitDelay(s.delayMinutes), discount: s.discountPercent == null ? "" : String(s.discountPercent) },
    ]),
  ) as Record<string, StepEdit>;
}

export default function FlowDetailPage() {
  const { flow, previews, ab, segmentCopy } = useLoaderData<typeof loader>();
  const impactFetcher = useFetcher<{ impact?: ImpactResult }>();
  const result = useActionData<{ ok?: boolean; message?: string; fieldErrors?: Record<string, string> }>();
  const nav = useNavigation();
  const submit = useSubmit();
  const toast = useToast();
  // Keyed on the saved values, not the array's identity: a revalidation after a toggle must not
  // wipe edits the merchant has not saved yet.
  const savedKey = JSON.stringify(flow.steps.map((s) => [s.key, s.delayMinutes, s.discountPercent]));
  // biome-ignore lint/correctness/useExhaustiveDependencies: savedKey captures what matters in flow.steps
  const initial = useMemo(() => initialEdits(flow.steps), [savedKey]);
  const [edits, setEdits] = useState(initial);
  const initialFilters = useMemo(
    () => ({
      lapseDays: String(flow.filters.lapseDays ?? ""),
      oncePerDays: String(flow.filters.oncePerDays ?? ""),
      cooldownDays: String(flow.filters.cooldownDays),
    }),
    [flow.filters.lapseDays, flow.filters.oncePerDays, flow.filters.cooldownDays],
  );
  const [filters, setFilters] = useState<FilterValues>(initialFilters);
  useEffect(() => setFilters(initialFilters), [initialFilters]);
  useEffect(() => setEdits(initial), [initial]);
  useEffect(() => {
    if (result?.ok && result.message) toast(result.message);
  }, [result, toast]);
  const dirty =
    JSON.stringify(edits) !== JSON.stringify(initial) ||
    JSON.stringify(filters) !== JSON.stringify(initialFilters);
  const discard = () => {
    setEdits(initial);
    setFilters(initialFilters);
  };
  const saving = nav.state !== "idle" && nav.formData?.get("intent") === "config";
  const formFor = (intent: string) => {
    const form = new FormData();
    form.set("intent", intent);
    for (const [name, value] of Object.entries(filters)) form.set(name, value);
    for (const [key, e] of Object.entries(edits)) {
      form.set(`delay.${key}`, e.amount);
      form.set(`unit.${key}`, e.unit);
      form.set(`discount.${key}`, e.discount);
    }
    return form;
  };
  const save = () => submit(formFor("config"), { method: "post" });
  // Ask the flows module what this edit would mean while the merchant types (debounced).
  const impactKey = dirty ? JSON.stringify([edits, filters]) : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: the edit's serialised form is the trigger
  useEffect(() => {
    if (!impactKey) return;
    const timer = setTimeout(() => impactFetcher.submit(formFor("impact"), { method: "post" }), 300);
    return () => clearTimeout(timer);
  }, [impactKey]);
  const impact = dirty ? impactFetcher.data?.impact : undefined;
  const errors = { ...(impact && !impact.ok ? impact.fieldErrors : {}), ...(result?.fieldErrors ?? {}) };
  return (
    <Page title={flow.name} subtitle={flow.description} backAction={{ content: "Dashboard", url: "/app" }}>
      <TitleBar title={flow.name} />
      <SaveBar id="flow-save-bar" open={dirty}>
        <button type="button" variant="primary" onClick={save} disabled={saving}>
          Save
        </button>
        <button type="button" onClick={discard}>
          Discard
        </button>
      </SaveBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {Object.keys(errors).length ? (
              <Banner tone="critical" title="Some values are outside what this flow allows">
                <p>Fix the highlighted fields and save again.</p>
              </Banner>
            ) : null}
            {dirty && impact?.ok ? (
              <Banner tone="warning" title="Before you save">
                <BlockStack gap="200">
                  {impact.changes.length ? (
                    <List>
                      {impact.changes.map((c) => (
                        <List.Item key={c}>{c}</List.Item>
                      ))}
                    </List>
                  ) : null}
                  <p data-testid="edit-impact">{impact.summary}</p>
                </BlockStack>
              </Banner>
            ) : null}
            <StepTimeline
              flowKey={flow.key}
              steps={flow.steps}
              edits={edits}
              errors={errors}
              onChange={(key, edit) => setEdits((all) => ({ ...all, [key]: edit }))}
              previewSlot={(step) => (
                <StepPreview
                  data={previews.find((p) => p.stepKey === step.key)}
                  label={`${flow.name} step ${step.index + 1}`}
                />
              )}
            />
            <InlineStack align="end" gap="200">
              <Button onClick={discard} disabled={!dirty}>
                Discard
              </Button>
              <Button variant="primary" onClick={save} disabled={!dirty} loading={saving}>
                Save flow
              </Button>
            </InlineStack>
            <SegmentCopyCard plan={segmentCopy} steps={flow.steps} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Status
                </Text>
                <FlowToggle flowKey={flow.key} name={flow.name} enabled={flow.enabled} />
                <Text
                  as="p"
                  tone="subdued"
                >{`${flow.activeRuns.toLocaleString("en")} customers in this flow · version ${flow.version}`}</Text>
              </BlockStack>
            </Card>
            {flow.key === "welcome" && edits[WELCOME_DISCOUNT_STEP] ? (
              <WelcomeDiscount
                value={edits[WELCOME_DISCOUNT_STEP].discount}
                cap={flow.maxDiscountPercent}
                error={errors[`steps.${WELCOME_DISCOUNT_STEP}.discountPercent`]}
                onChange={(discount) =>
                  setEdits((all) => ({
                    ...all,
                    [WELCOME_DISCOUNT_STEP]: { ...all[WELCOME_DISCOUNT_STEP], discount },
                  }))
                }
              />
            ) : null}
            <AbTestsCard flowKey={flow.key} ab={ab} />
            <EntryFilters
              trigger={flow.trigger}
              available={{
                lapseDays: flow.filters.lapseDays !== null,
                oncePerDays: flow.filters.oncePerDays !== null,
              }}
              values={filters}
              errors={errors}
              onChange={setFilters}
            />
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Who leaves early
                </Text>
                <List>
                  {flow.exits.map((e) => (
                    <List.Item key={e}>{e}</List.Item>
                  ))}
                </List>
                <Text as="p" tone="subdued">
                  Only subscribed customers are emailed, within your frequency cap and outside quiet hours.
                </Text>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
