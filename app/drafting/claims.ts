// Claims copy may not make because nothing Tend holds can back them: stock levels (no inventory is
// synced), deadlines and dates (no sale has an end date), free offers, discount codes other than
// {{discount_code}}, requests for secrets, contact details, and echoes of prompt instructions.
// They are what an injected instruction asks for, so they block whatever the product text says.
import type { Finding } from "./findings";
import type { GuardFacts } from "./guardrails";
import { normalise } from "./text";

interface ClaimRule {
  rule: string;
  message: string;
  pattern: RegExp;
  /** The rule applies only when this returns true (e.g. sale words only when no discount is offered). */
  when?: (facts: GuardFacts) => boolean;
}

const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

const RULES: ClaimRule[] = [
  {
    rule: "stock_claim",
    message: "Claims a stock level, which Tend does not know",
    pattern:
      /\b(?:only|just)\s+(?:\d+|a\s+few|one|two|three|four|five)\s+(?:\w+\s+)?(?:left|remaining)\b|\b\d+\s+(?:left|remaining)\b|\b(?:selling|going)\s+fast\b|\balmost\s+(?:gone|sold\s+out)\b|\b(?:low|limited)\s+(?:stock|supply|quantities)\b|\bsold[\s-]+out\b|\b(?:last|final)\s+(?:few|units?|pieces?|ones?|items?)\b|\bwhile\s+(?:supplies|stocks?)\s+last\b|\b(?:in|back\s+in|out\s+of)\s+stock\b|\bstock\s+is\s+(?:low|limited|running)\b|\brunning\s+out\b|\bfew\s+left\b|\bnearly\s+gone\b/i,
  },
  {
    rule: "deadline_claim",
    message: "States a deadline or date, which no offer of this shop has",
    pattern: new RegExp(
      `\\b(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\b|\\b\\d{1,2}\\s*\\/\\s*\\d{1,2}(?:\\s*\\/\\s*\\d{2,4})?\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b(?:until|till|ends?|ending|by|before|expires?)\\s+(?:this\\s+|next\\s+)?(?:${WEEKDAYS}|today|tonight|tomorrow|midnight|noon|the\\s+weekend|the\\s+end\\s+of)\\b|\\b(?:today|tonight|this\\s+weekend)\\s+only\\b|\\bonly\\s+(?:today|tonight)\\b|\\b(?:ends|ending|expires|expiring|closes)\\s+(?:today|tonight|at|in)\\b|\\blimited[\\s-]+time\\b|\\b\\d+\\s+(?:hours?|hrs?|minutes?|days?)\\s+(?:left|only|to\\s+go|remaining)\\b|\\bwithin\\s+(?:the\\s+next\\s+)?\\d+\\s+(?:hours?|hrs?|minutes?)\\b|\\b(?:last|final)\\s+chance\\b|\\bfinal\\s+hours\\b|\\bcount\\s?down\\b|\\bnow\\s+or\\s+never\\b|\\bhurry\\b|\\bexpir(?:es|ing|y)\\b|\\bflash\\s+sale\\b|\\bdeadline\\b`,
      "i",
    ),
  },
  {
    rule: "free_offer",
    message: 'Offers something "free", which no setting of this shop approves',
    pattern:
      /(?<![\p{L}-])(?<!feel\s)free(?![\p{L}-])(?!\s+to\s+(?:reply|ask|write|get\s+in\s+touch|reach|contact|say))|\bgratis\b|\bcomplimentary\b|\bon\s+the\s+house\b|\b(?:at\s+)?no\s+(?:extra\s+)?(?:cost|charge)\b|\bfor\s+nothing\b|\bzero\s+cost\b/iu,
  },
  {
    rule: "sale_claim",
    message: "Promises a sale or lower price, but this step offers no discount",
    pattern:
      /\bon\s+sale\b|\bsale\s+price\b|\bclearance\b|\bprices?\s+(?:drop|cut|slashed|reduced|lowered)\b|\bprice\s+drop\b|\bmarked\s+down\b|\bmarkdown\b|\bdiscount(?:ed|s)?\b|\bcheaper\b|\breduced\s+price\b|\bbargain\b|\bdeal\s+of\b|\beverything\s+must\s+go\b|\bcash\s*back\b/i,
    when: (facts) => facts.step.discountPercent === null,
  },
  {
    rule: "code_claim",
    message: "Names a discount code: only {{discount_code}} may be offered",
    // A keyword then a code-like token ("coupon: tent50"), or a capitals-and-digits token anywhere.
    pattern:
      /\b(?:[Cc]ode|[Cc]oupon|[Vv]oucher|[Pp]romo|CODE|COUPON|VOUCHER|PROMO)\b[\s:"'“‘-]*(?=[A-Za-z0-9_-]*\d|[A-Z]{3,}\b)[A-Za-z0-9_-]{3,}|\b(?=[A-Z0-9]*[A-Z]{2})(?=[A-Z0-9]*\d{2})[A-Z][A-Z0-9]{4,}\b/u,
  },
  {
    rule: "sensitive_request",
    message: "Asks for, or mentions, secrets or payment details",
    pattern:
      /\b(?:credit|debit)\s+card\b|\bcard\s+(?:number|details|info)\b|\bcvv\b|\bcvc\b|\bpass(?:word|code)s?\b|\bpin\s+(?:code|number)\b|\bsocial\s+security\b|\bssn\b|\bbank\s+(?:details|account|transfer|login)\b|\blog\s?in\s+details\b|\bverify\s+your\s+(?:account|identity|payment)\b|\bwire\s+(?:money|transfer)\b|\bcrypto(?:currency)?\b|\bbitcoin\b/i,
  },
  {
    rule: "contact_detail",
    message: "Contains a phone number or handle: customers reply to the email",
    pattern:
      /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\b\d{3,4}[\s.-]\d{3,4}(?:[\s.-]\d{2,4})?\b|(?<![\p{L}\p{N}])@[\p{L}\p{N}_]{3,}|\b(?:whatsapp|telegram|signal|dm\s+us)\b/iu,
  },
  {
    rule: "instruction_echo",
    message: "Repeats an instruction aimed at the AI, not the customer",
    pattern:
      /\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|rules|prompt|above|previous|prior|guidelines)\b|\b(?:system|developer)\s*(?:prompt|message|:)|\bassistant\s*:|\bas\s+an\s+ai\b|\blanguage\s+model\b|\bjailbreak\b|\bdeveloper\s+mode\b|\byou\s+are\s+now\b|\bnew\s+instructions?\b|<\|[a-z_]+\|>|\[\/?inst\]|###\s*instruction/iu,
  },
];

export function checkClaims(field: string, prose: string, facts: GuardFacts): Finding[] {
  const text = normalise(prose);
  return RULES.filter((r) => (r.when ? r.when(facts) : true) && r.pattern.test(text)).map((r) => ({
    source: "guardrail",
    rule: r.rule,
    severity: "block",
    message: r.message,
    field,
  }));
}
