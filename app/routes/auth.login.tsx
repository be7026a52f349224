// Sign-in outside the Shopify admin: the merchant names their shop and Shopify takes over (install or
// open the app). login() redirects for a valid shop and returns field errors otherwise; it never
// answers with a server error page.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import {
  AppProvider as PolarisProvider,
  BlockStack,
  Button,
  Card,
  FormLayout,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useState } from "react";
import { loginFieldErrors } from "../admin/login-errors";
import { logger } from "../logger.server";
import { login } from "../shopify.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];

async function attempt(request: Request) {
  try {
    return { errors: loginFieldErrors(await login(request)) };
  } catch (error) {
    if (error instanceof Response) throw error; // the redirect to Shopify
    logger.error({ err: error }, "login failed");
    return { errors: { shop: "Sign-in is not available right now. Please try again in a moment." } };
  }
}

export const loader = ({ request }: LoaderFunctionArgs) => attempt(request);
export const action = ({ request }: ActionFunctionArgs) => attempt(request);

export default function Login() {
  const loaded = useLoaderData<typeof loader>();
  const acted = useActionData<typeof action>();
  const errors = acted?.errors ?? loaded.errors;
  const [shop, setShop] = useState("");
  return (
    <PolarisProvider i18n={polarisTranslations}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <BlockStack gap="200">
                <Text variant="headingMd" as="h1">
                  Log in to Tend
                </Text>
                <Text as="p" tone="subdued">
                  Enter your shop's domain to open Tend in your Shopify admin.
                </Text>
              </BlockStack>
              <TextField
                type="text"
                name="shop"
                label="Shop domain"
                helpText="example.myshopify.com"
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={errors.shop}
              />
              <Button submit variant="primary">
                Log in
              </Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </PolarisProvider>
  );
}
