// What a drafter is to the generation loop: given the draft's inputs and prompt, it returns output
// to be judged (never trusted) or a classified failure. OpenAI and the template drafter implement it.
import type { DraftInput } from "./facts";
import type { BuiltPrompt } from "./prompt";
import { draftFromTemplate, quotableSentences, TEMPLATE_AUTHOR } from "./template-drafter";

export type ProviderFailureKind =
  | "refusal" // the model declined (message.refusal or content filter)
  | "malformed" // not JSON, cut off, or not the schema
  | "timeout"
  | "rate_limited"
  | "server_error"
  | "auth"
  | "bad_request"
  | "network";

export interface ProviderRequest {
  shop: string;
  input: DraftInput;
  prompt: BuiltPrompt;
  /** Regenerating asks for a fresh answer even when the prompt is unchanged. */
  bypassCache?: boolean;
}

export type ProviderResult =
  | {
      ok: true;
      output: unknown;
      author: string;
      inputTokens: number;
      outputTokens: number;
      cached: boolean;
      attempts: number;
    }
  | {
      ok: false;
      kind: ProviderFailureKind;
      message: string;
      author: string;
      inputTokens: number;
      outputTokens: number;
      attempts: number;
    };

export interface DraftProvider {
  readonly author: string;
  /** false when the drafter writes from the inputs alone and needs no prompt built. */
  readonly usesPrompt?: boolean;
  write(request: ProviderRequest): Promise<ProviderResult>;
}

/** Turns down description sentences before the template quotes one (production passes grammar). */
export type SentenceScreen = (sentences: string[], input: DraftInput) => Promise<ReadonlySet<string>>;

export function createTemplateProvider(screen?: SentenceScreen): DraftProvider {
  return {
    author: TEMPLATE_AUTHOR,
    usesPrompt: false,
    async write({ input }) {
      const rejected = screen ? await screen(quotableSentences(input), input) : undefined;
      return {
        ok: true,
        output: draftFromTemplate(input, { rejected }),
        author: TEMPLATE_AUTHOR,
        inputTokens: 0,
        outputTokens: 0,
        cached: false,
        attempts: 1,
      };
    },
  };
}

/** The offline drafter without a screen: pure and instant (tests, previews). */
export const templateProvider: DraftProvider = createTemplateProvider();
