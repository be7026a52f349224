// The admin's error boundary shows a calm Polaris banner, never a stack trace.
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AdminErrorBanner, errorSummary } from "../../../app/components/AdminErrorBanner";

describe("AdminErrorBanner", () => {
  it("renders a critical banner without the error's message or stack", () => {
    const error = new Error("secret database detail at db.server.ts:42");
    const html = renderToString(createElement(AdminErrorBanner, { error }));
    expect(html).toContain("Something went wrong");
    expect(html).toContain("Polaris-Banner");
    expect(html).not.toContain("secret database detail");
    expect(html).not.toContain("db.server.ts");
  });

  it("names a missing record plainly", () => {
    const notFound = { status: 404, statusText: "Not Found", internal: false, data: "no draft" };
    expect(errorSummary(notFound).title).toBe("Not found");
  });
});
