import { describe, expect, it } from "vitest";
import { SETTINGS_DEFAULTS } from "../../../app/drafting/context.server";
import { drafterDescription, OFFLINE_LABEL } from "../../../app/drafting/drafter-description";

describe("drafterDescription", () => {
  it("names the offline templates and how to switch when there is no OpenAI key", () => {
    expect(drafterDescription({ OPENAI_MODEL: "gpt-4o-mini" })).toEqual({
      kind: "template",
      model: null,
      label: "offline templates — set OPENAI_API_KEY for AI drafts",
    });
    expect(drafterDescription({ OPENAI_API_KEY: "  " }).label).toBe(OFFLINE_LABEL);
  });

  it("names the OpenAI model from OPENAI_MODEL, or the shop's own choice", () => {
    expect(drafterDescription({ OPENAI_API_KEY: "sk-x", OPENAI_MODEL: "gpt-4.1-mini" })).toEqual({
      kind: "openai",
      model: "gpt-4.1-mini",
      label: "OpenAI gpt-4.1-mini",
    });
    const shop = { ...SETTINGS_DEFAULTS, aiModel: "gpt-4o" };
    expect(drafterDescription({ OPENAI_API_KEY: "sk-x", OPENAI_MODEL: "gpt-4.1-mini" }, shop).model).toBe(
      "gpt-4o",
    );
  });

  it("says so when the shop chose the templates, even with a key", () => {
    const shop = { ...SETTINGS_DEFAULTS, aiProvider: "template" as const };
    const d = drafterDescription({ OPENAI_API_KEY: "sk-x" }, shop);
    expect(d.kind).toBe("template");
    expect(d.label).toMatch(/offline templates/);
  });
});
