// Input tokens of one OpenAI request as the o200k tokenizer (gpt-4o family) counts them: the chat
// messages with their per-message overhead, plus the JSON schema sent as response_format.
import { zodResponseFormat } from "openai/helpers/zod";
import { encode, encodeChat } from "gpt-tokenizer/encoding/o200k_base";
import type { BuiltPrompt } from "../../../app/drafting/prompt";
import { copyOutputSchema } from "../../../app/drafting/schema";

export function promptTokens(prompt: BuiltPrompt): { messages: number; schema: number; total: number } {
  const messages = encodeChat(prompt.messages, "gpt-4o-mini").length;
  const schema = encode(JSON.stringify(zodResponseFormat(copyOutputSchema, "email_copy").json_schema)).length;
  return { messages, schema, total: messages + schema };
}
