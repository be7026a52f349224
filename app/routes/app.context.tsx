// Business context: the merchant's own knowledge (best customers, what they buy, what the shop
// stands for, what never to say, seasons, shipping and returns). Each save is a new version; a
// shop without one gets a first version proposed from its own data when it opens this page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { TitleBar } from "@shopify/app-bridge-react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  FormLayout,
  InlineStack,
  Layout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useEffect, useMemo, useState } from "react";
import { requireAdmin } from "../admin.server";
import { formatDateTime } from "../admin/format";
import { now } from "../clock.server";
import { useToast } from "../components/useToast";
import { getDb } from "../db.server";
import {
  CONTEXT_FIELDS,
  type ContextFields,
  contextFields,
  EMPTY_CONTEXT,
  FIELD_MAX,
} from "../drafting/business-context";
import {
  ensureBusinessContext,
  getBusinessContextVersion,
  listBusinessContextVersions,
  proposeFromShopData,
  saveBusinessContext,
} from "../drafting/business-context.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const db = getDb();
  const latest = await ensureBusinessContext(db, shop, now());
  const asked = Number(new URL(request.url).searchParams.get("version"));
  const viewing =
    Number.isInteger(asked) && asked > 0 && asked !== latest?.version
      ? await getBusinessContextVersion(db, shop, asked)
      : null;
  const versions = (await listBusinessContextVersions(db, shop)).map((v) => ({
    ...v,
    createdAt: v.createdAt.toISOString(),
  }));
  return { latest, viewing, versions };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { shop, user } = await requireAdmin(request, context);
  const db = getDb();
  const form = await request.formData();
  if (form.get("intent") === "propose") {
    const proposed = await proposeFromShopData(db, shop, now());
    if (!proposed)
      return Response.json(
        { ok: false, errors: { form: "Tend has no orders or products to propose from yet" } },
        { status: 400 },
      );
    return { ok: true, version: proposed.version, errors: {} as Record<string, string> };
  }
  const input = Object.fromEntries(CONTEXT_FIELDS.map((f) => [f.key, String(form.get(f.key) ?? "")]));
  const result = await saveBusinessContext(db, shop, input, user, { now: now() });
  if (!result.ok) {
    const errors = Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k, v.join(" ")]));
    return Response.json({ ok: false, errors }, { status: 400 });
  }
  return { ok: true, version: result.context.version, errors: {} as Record<string, string> };
}

type Result = { ok: boolean; version?: number; errors: Record<string, string> };

export default function BusinessContextPage() {
  const { latest, viewing, versions } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const nav = useNavigation();
  const submit = useSubmit();
  const toast = useToast();
  const shown = viewing ?? latest;
  const initial = useMemo<ContextFields>(() => (shown ? contextFields(shown) : EMPTY_CONTEXT), [shown]);
  const [f, setF] = useState(initial);
  useEffect(() => setF(initial), [initial]);
  useEffect(() => {
    if (result?.ok) toast(`Business context saved (version ${result.version})`);
  }, [result, toast]);
  const errors = result?.errors ?? {};
  const saving = nav.state === "submitting";
  const save = () => submit({ ...f }, { method: "post" });
  return (
    <Page
      title="Business context"
      subtitle={latest ? `Version ${latest.version}` : "Tell Tend about your business"}
      backAction={viewing ? { content: "Latest version", url: "/app/context" } : undefined}
    >
      <TitleBar title="Business context" />
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {viewing ? (
              <Banner tone="info" title={`Viewing version ${viewing.version}`}>
                <p>Saving makes this text the newest version; the drafter always uses the newest.</p>
              </Banner>
            ) : latest?.source === "proposed" ? (
              <Banner tone="info" title="Proposed from your data">
                <p>
                  Tend wrote this first version from your orders and catalog. Correct it, add what only you
                  know (what you stand for, what never to say, your shipping and returns promises) and save.
                </p>
              </Banner>
            ) : null}
            {errors.form ? (
              <Banner tone="critical" title="The business context needs a fix">
                <p>{errors.form}</p>
              </Banner>
            ) : null}
            <Card>
              <FormLayout>
                {CONTEXT_FIELDS.map((field) => (
                  <TextField
                    key={field.key}
                    label={field.label}
                    name={field.key}
                    value={f[field.key]}
                    onChange={(v) => setF((all) => ({ ...all, [field.key]: v }))}
                    helpText={field.help}
                    error={errors[field.key]}
                    multiline={3}
                    maxLength={FIELD_MAX}
                    autoComplete="off"
                  />
                ))}
              </FormLayout>
            </Card>
            <InlineStack gap="200">
              <Button variant="primary" onClick={save} loading={saving}>
                Save business context
              </Button>
              <Button onClick={() => submit({ intent: "propose" }, { method: "post" })} disabled={saving}>
                Propose again from my data
              </Button>
            </InlineStack>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  How drafts use it
                </Text>
                <Text as="p" tone="subdued">
                  Every new draft is written from the newest version, given to the AI as facts about your
                  shop: never as instructions, so it cannot change Tend's rules on discounts, prices, links or
                  claims. Each draft shows the version it used.
                </Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Version history
                </Text>
                {versions.length ? (
                  <BlockStack as="ul" gap="100">
                    {versions.map((v) => (
                      <li key={v.version} style={{ listStyle: "none" }}>
                        <InlineStack gap="200" blockAlign="center">
                          <Button variant="plain" url={`/app/context?version=${v.version}`}>
                            {`Version ${v.version}`}
                          </Button>
                          <Badge tone={v.source === "proposed" ? "info" : "success"}>
                            {v.source === "proposed" ? "Proposed from your data" : "Written by you"}
                          </Badge>
                          <Text as="span" tone="subdued">
                            {`${formatDateTime(v.createdAt)}${v.createdBy ? ` · ${v.createdBy}` : ""}`}
                          </Text>
                        </InlineStack>
                      </li>
                    ))}
                  </BlockStack>
                ) : (
                  <Text as="p" tone="subdued">
                    No versions yet: Tend proposes one once your store's orders or products are imported.
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
