// Settings: sender and address, quiet hours, frequency cap, holdout, daily limit, AI provider.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { SaveBar, TitleBar } from "@shopify/app-bridge-react";
import { Banner, BlockStack, Button, InlineStack, Layout, Page } from "@shopify/polaris";
import { useEffect, useState } from "react";
import { requireAdmin } from "../admin.server";
import {
  type FieldErrors,
  getSettingsForm,
  parseSettings,
  type SettingsForm,
  saveSettings,
} from "../admin/settings.server";
import { SettingsFormFields } from "../components/SettingsFormFields";
import { useToast } from "../components/useToast";
import { getDb } from "../db.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const db = getDb();
  const [settings, shopRow] = await Promise.all([
    getSettingsForm(db, shop),
    db.shop.findUnique({ where: { shop }, select: { timeZone: true } }),
  ]);
  return { settings, timeZone: shopRow?.timeZone ?? "UTC" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const parsed = parseSettings(Object.fromEntries(await request.formData()));
  if (!parsed.ok) return Response.json({ ok: false, errors: parsed.errors }, { status: 400 });
  await saveSettings(getDb(), shop, parsed.value);
  return { ok: true, errors: {} as FieldErrors };
}

export default function SettingsPage() {
  const { settings, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: boolean; errors: FieldErrors }>();
  const nav = useNavigation();
  const submit = useSubmit();
  const toast = useToast();
  const [values, setValues] = useState<SettingsForm>(settings);
  useEffect(() => setValues(settings), [settings]);
  useEffect(() => {
    if (result?.ok) toast("Settings saved");
  }, [result, toast]);
  const dirty = (Object.keys(values) as (keyof SettingsForm)[]).some((k) => values[k] !== settings[k]);
  const saving = nav.state === "submitting";
  const save = () => submit({ ...values }, { method: "post" });
  const errors = result?.errors ?? {};
  return (
    <Page title="Settings">
      <TitleBar title="Settings" />
      <SaveBar id="settings-save-bar" open={dirty}>
        <button type="button" variant="primary" onClick={save} disabled={saving}>
          Save
        </button>
        <button type="button" onClick={() => setValues(settings)}>
          Discard
        </button>
      </SaveBar>
      <Layout>
        <Layout.Section>
          {/* Server-side validation speaks for every field the same way, so the browser's is off. */}
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <BlockStack gap="400">
              {Object.keys(errors).length ? (
                <Banner tone="critical" title="Some settings need a fix">
                  <p>Check the highlighted fields.</p>
                </Banner>
              ) : null}
              <SettingsFormFields
                values={values}
                set={(key, v) => setValues((all) => ({ ...all, [key]: v }))}
                errors={errors}
                timeZone={timeZone}
              />
              <InlineStack align="end" gap="200">
                <Button onClick={() => setValues(settings)} disabled={!dirty}>
                  Discard
                </Button>
                <Button submit variant="primary" disabled={!dirty} loading={saving}>
                  Save settings
                </Button>
              </InlineStack>
            </BlockStack>
          </form>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
