// login()'s error codes as the words the login form shows under the shop field.
import type { LoginError } from "@shopify/shopify-app-remix/server";

export function loginFieldErrors(error: LoginError | undefined): { shop?: string } {
  if (error?.shop === "MISSING_SHOP") return { shop: "Enter your shop's domain to log in" };
  if (error?.shop === "INVALID_SHOP")
    return { shop: "Enter a valid shop domain, like example.myshopify.com" };
  return {};
}
