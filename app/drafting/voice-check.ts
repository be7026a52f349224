// Deterministic voice check: scores copy against the rules of the voice guide a machine can check
// (banned words, sentence length, contractions, exclamation marks, openers, emoji, capitals).
// Banned words block approval; the other rules are advice the merchant sees beside the draft.
import type { CopyContent } from "../domain/copy";
import type { Finding } from "./findings";
import { copyFields } from "./schema";
import { containsPhrase, normalise, sentences, wordCount } from "./text";
import { type CheckableRules, checkableRules, type VoiceGuideData } from "./voice-guide";

export interface VoiceCheck {
  score: number; // 0-100
  findings: Finding[];
  checked: string[]; // rules that applied, so the UI can show what passed too
}

/** Openers that read as generic marketing whatever the merchant's rules say. */
const GENERIC_OPENERS = [
  "in today's fast-paced world",
  "i hope this email finds you well",
  "dear valued customer",
];

const CONTRACTION =
  /\b([a-z]+n['’]t|[a-z]+['’](?:re|ve|ll|m|d)|(?:it|that|there|here|what|let|who|where|she|he)['’]s)\b/i;
const EMOJI = /\p{Extended_Pictographic}/u;

function warn(rule: string, message: string, field?: string): Finding {
  return { source: "voice", rule, severity: "warn", message, field };
}

export function voiceCheck(
  content: CopyContent,
  guide: Pick<VoiceGuideData, "rules" | "bannedWords">,
): VoiceCheck {
  return voiceCheckWith(content, checkableRules(guide));
}

export function voiceCheckWith(content: CopyContent, rules: CheckableRules): VoiceCheck {
  const findings: Finding[] = [];
  const checked: string[] = [];
  let penalty = 0;
  const fields = copyFields(content);
  const prose = [...content.paragraphs, content.callout].join("\n");

  checked.push("banned_words");
  for (const word of rules.avoidWords) {
    const hit = fields.find((f) => containsPhrase(f.value, word));
    if (hit) {
      findings.push({
        source: "voice",
        rule: "banned_word",
        severity: "block",
        message: `Uses "${word}", which the voice guide bans`,
        field: hit.field,
      });
      penalty += 25;
    }
  }

  if (rules.maxSentenceWords !== null) {
    checked.push("sentence_length");
    let long = 0;
    for (const f of fields.filter((x) => x.field !== "text")) {
      for (const s of sentences(f.value)) {
        if (wordCount(s) > rules.maxSentenceWords) {
          long++;
          if (long <= 3) {
            findings.push(
              warn(
                "sentence_length",
                `A sentence has ${wordCount(s)} words (limit ${rules.maxSentenceWords})`,
                f.field,
              ),
            );
          }
        }
      }
    }
    penalty += Math.min(25, long * 8);
  }

  if (rules.requireContractions || rules.avoidContractions) {
    checked.push("contractions");
    const uses = CONTRACTION.test(normalise(prose));
    if (rules.requireContractions && !uses && wordCount(prose) >= 15) {
      findings.push(warn("contractions", "No contractions (it's, you'll, we're): the guide asks for them"));
      penalty += 15;
    }
    if (rules.avoidContractions && uses) {
      findings.push(warn("contractions", "Uses contractions: the guide asks for none"));
      penalty += 15;
    }
  }

  if (rules.maxExclamations !== null) {
    checked.push("exclamation_marks");
    const count = fields
      .filter((f) => f.field !== "text")
      .reduce((n, f) => n + (normalise(f.value).match(/!/g)?.length ?? 0), 0);
    if (count > rules.maxExclamations) {
      findings.push(
        warn("exclamation_marks", `${count} exclamation marks (the guide allows ${rules.maxExclamations})`),
      );
      penalty += 10;
    }
  }

  checked.push("openers");
  const openers = [...new Set([...rules.forbiddenOpeners, ...GENERIC_OPENERS].map((o) => o.toLowerCase()))];
  for (const f of fields) {
    const start = normalise(f.value).trim().toLowerCase().replace(/[’]/g, "'");
    const opener = openers.find((o) => start.startsWith(o.replace(/[’]/g, "'")));
    if (opener) {
      findings.push(warn("forbidden_opener", `Opens with "${opener}"`, f.field));
      penalty += 20;
      break;
    }
  }

  if (rules.noEmoji) {
    checked.push("emoji");
    const hit = fields.find((f) => EMOJI.test(f.value));
    if (hit) {
      findings.push(warn("emoji", "Uses emoji: the guide asks for none", hit.field));
      penalty += 10;
    }
  }

  if (rules.noAllCaps) {
    checked.push("all_caps");
    const hit = fields.find((f) => /\b[A-Z]{4,}\b/.test(f.value.replace(/\{\{[^}]*\}\}/g, "")));
    if (hit) {
      findings.push(warn("all_caps", "Uses words in capitals: the guide asks for none", hit.field));
      penalty += 10;
    }
  }

  return { score: Math.max(0, 100 - penalty), findings, checked };
}
