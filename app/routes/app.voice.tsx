// Brand voice editor: past emails, rules, banned words and sign-off, with a live comparison of
// generic copy and copy in the shop's voice scored against the rules as they are typed.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { SaveBar, TitleBar } from "@shopify/app-bridge-react";
import {
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
import { VoiceSample } from "../components/VoiceSample";
import { useToast } from "../components/useToast";
import { now } from "../clock.server";
import { getDb } from "../db.server";
import { PRODUCT_SELECT, productFacts } from "../drafting/products.server";
import type { VoiceGuideData } from "../drafting/voice-guide";
import { onVoiceChanged } from "../drafting/triggers.server";
import { getVoiceGuide, saveVoiceGuide } from "../drafting/voice.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { shop } = await requireAdmin(request, context);
  const db = getDb();
  const [guide, product, shopRow] = await Promise.all([
    getVoiceGuide(db, shop),
    db.product.findFirst({
      where: { shop, status: "ACTIVE", deletedAt: null },
      select: PRODUCT_SELECT,
      orderBy: { updatedAt: "desc" },
    }),
    db.shop.findUnique({ where: { shop }, select: { currency: true } }),
  ]);
  return { guide, product: product ? productFacts(product, shopRow?.currency ?? "USD") : null };
}

const lines = (v: FormDataEntryValue | null) =>
  String(v ?? "")
    .split("\n")
    .map((s) => s.trim())
    .filter(Boolean);

export async function action({ request, context }: ActionFunctionArgs) {
  const { shop, user } = await requireAdmin(request, context);
  const form = await request.formData();
  const input = {
    examples: form
      .getAll("examples")
      .map(String)
      .map((s) => s.trim())
      .filter(Boolean),
    rules: lines(form.get("rules")),
    bannedWords: String(form.get("bannedWords") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    genericSample: String(form.get("genericSample") ?? ""),
    voiceSample: String(form.get("voiceSample") ?? ""),
    maxDiscountPercent: String(form.get("maxDiscountPercent") ?? ""),
    signOff: String(form.get("signOff") ?? ""),
  };
  const result = await saveVoiceGuide(getDb(), shop, input, user);
  if (!result.ok) {
    const errors = Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k, v.join(" ")]));
    return Response.json({ ok: false, errors }, { status: 400 });
  }
  await onVoiceChanged(getDb(), shop, result.guide.version, user, now());
  return { ok: true, version: result.guide.version, errors: {} as Record<string, string> };
}

interface Fields {
  examples: string[];
  rules: string;
  bannedWords: string;
  genericSample: string;
  voiceSample: string;
  maxDiscountPercent: string;
  signOff: string;
}

export default function VoicePage() {
  const { guide, product } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: boolean; version?: number; errors: Record<string, string> }>();
  const nav = useNavigation();
  const submit = useSubmit();
  const toast = useToast();
  const initial = useMemo<Fields>(
    () => ({
      examples: [0, 1, 2, 3, 4].map((i) => guide.examples[i] ?? ""),
      rules: guide.rules.join("\n"),
      bannedWords: guide.bannedWords.join(", "),
      genericSample: guide.genericSample,
      voiceSample: guide.voiceSample,
      maxDiscountPercent: String(guide.maxDiscountPercent),
      signOff: guide.signOff,
    }),
    [guide],
  );
  const [f, setF] = useState(initial);
  useEffect(() => setF(initial), [initial]);
  useEffect(() => {
    if (result?.ok) toast(`Voice guide saved (version ${result.version})`);
  }, [result, toast]);
  const dirty = JSON.stringify(f) !== JSON.stringify(initial);
  const save = () => {
    const form = new FormData();
    for (const e of f.examples) form.append("examples", e);
    for (const key of [
      "rules",
      "bannedWords",
      "genericSample",
      "voiceSample",
      "maxDiscountPercent",
      "signOff",
    ] as const)
      form.set(key, f[key]);
    submit(form, { method: "post" });
  };
  const errors = result?.errors ?? {};
  const rules = useMemo(
    () =>
      f.rules
        .split("\n")
        .map((s) => s.trim())
        .filter(Boolean),
    [f.rules],
  );
  const banned = useMemo(
    () =>
      f.bannedWords
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    [f.bannedWords],
  );
  const typed = useMemo<VoiceGuideData>(
    () => ({
      version: guide.version,
      examples: f.examples.filter((e) => e.trim()),
      rules,
      bannedWords: banned,
      genericSample: f.genericSample,
      voiceSample: f.voiceSample,
      maxDiscountPercent: Number(f.maxDiscountPercent) || 0,
      signOff: f.signOff,
    }),
    [guide.version, f, rules, banned],
  );
  const set = (key: keyof Omit<Fields, "examples">) => (v: string) => setF((all) => ({ ...all, [key]: v }));
  return (
    <Page
      title="Brand voice"
      subtitle={guide.version ? `Version ${guide.version}` : "Tend's default voice: make it yours"}
    >
      <TitleBar title="Brand voice" />
      <SaveBar id="voice-save-bar" open={dirty}>
        <button type="button" variant="primary" onClick={save}>
          Save
        </button>
        <button type="button" onClick={() => setF(initial)}>
          Discard
        </button>
      </SaveBar>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {Object.keys(errors).length ? (
              <Banner tone="critical" title="The voice guide needs a fix">
                <p>{Object.values(errors).join(" ")}</p>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  Past emails you liked
                </Text>
                <Text as="p" tone="subdued">
                  Paste three to five. Tend learns your tone from them; it never copies them word for word.
                </Text>
                {f.examples.map((e, i) => (
                  <TextField
                    // biome-ignore lint/suspicious/noArrayIndexKey: the five slots are fixed positions
                    key={i}
                    label={`Example email ${i + 1}${i >= 3 ? " (optional)" : ""}`}
                    value={e}
                    multiline={3}
                    autoComplete="off"
                    onChange={(v) =>
                      setF((all) => ({ ...all, examples: all.examples.map((x, j) => (j === i ? v : x)) }))
                    }
                  />
                ))}
                {errors.examples ? (
                  <Text as="p" tone="critical">
                    {errors.examples}
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
            <Card>
              <FormLayout>
                <TextField
                  label="Rules (one per line)"
                  value={f.rules}
                  onChange={set("rules")}
                  multiline={5}
                  autoComplete="off"
                  error={errors.rules}
                  helpText={'Five to ten, e.g. “Use contractions.” or “Avoid "amazing".”'}
                />
                <TextField
                  label="Banned words and phrases (comma separated)"
                  value={f.bannedWords}
                  onChange={set("bannedWords")}
                  autoComplete="off"
                  error={errors.bannedWords}
                />
                <FormLayout.Group>
                  <TextField
                    label="Sign-off"
                    value={f.signOff}
                    onChange={set("signOff")}
                    autoComplete="off"
                    error={errors.signOff}
                  />
                  <TextField
                    label="Largest discount copy may mention (%)"
                    type="number"
                    value={f.maxDiscountPercent}
                    onChange={set("maxDiscountPercent")}
                    autoComplete="off"
                    error={errors.maxDiscountPercent}
                  />
                </FormLayout.Group>
              </FormLayout>
            </Card>
            <Card>
              <FormLayout>
                <TextField
                  label="Generic sample"
                  value={f.genericSample}
                  onChange={set("genericSample")}
                  multiline={2}
                  autoComplete="off"
                  error={errors.genericSample}
                />
                <TextField
                  label="The same message in your voice"
                  value={f.voiceSample}
                  onChange={set("voiceSample")}
                  multiline={2}
                  autoComplete="off"
                  error={errors.voiceSample}
                />
              </FormLayout>
            </Card>
            <InlineStack align="end" gap="200">
              <Button onClick={() => setF(initial)} disabled={!dirty}>
                Discard
              </Button>
              <Button variant="primary" onClick={save} disabled={!dirty} loading={nav.state === "submitting"}>
                Save voice guide
              </Button>
            </InlineStack>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <VoiceSample guide={typed} product={product} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
