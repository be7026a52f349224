// The template drafter's wording for each flow step, written with contractions (expanded when the
// voice guide asks for none) and in two tones: the default and a calmer one, used after a merchant
// rejects a draft as pushy. Sentences stay short so most "under N words" rules hold. The product
// never stands as a sentence's subject ("Waiting for you: the Solar String Lights"), because a
// title may be singular or plural and a template cannot know which ("Your picks is waiting").
import { WELCOME_WORDS } from "./template-words-welcome";

export interface WordsContext {
  thing: string; // "the Alpine 2 Tent" or, for generic copy, "your picks" / "{{product_title}}"
  detail: string | null; // one vetted sentence from the product description
  price: string | null; // "$49" / "from $49"
  discount: boolean; // the step offers {{discount_percent}}% with {{discount_code}}
  calm: boolean;
}

export interface StepWords {
  subjects: (c: WordsContext) => string[];
  preheader: (c: WordsContext) => string;
  headline: (c: WordsContext) => string;
  body: (c: WordsContext) => Array<string | null>;
  cta: (c: WordsContext) => string;
  link: "recovery_url" | "product_url" | "shop_url";
}

const offer = (c: WordsContext) =>
  c.discount
    ? c.calm
      ? "If it helps, code {{discount_code}} takes {{discount_percent}}% off."
      : "Use code {{discount_code}} for {{discount_percent}}% off your order."
    : null;

const replyLine = "Got a question? Just reply, a real person reads every email.";

export const STEP_WORDS: Record<string, StepWords> = {
  "checkout_abandonment.reminder": {
    subjects: (c) =>
      c.calm
        ? [`Saved for you: ${c.thing}`, `Whenever you're ready: ${c.thing}`, `A quick note about ${c.thing}`]
        : [
            `Still thinking about ${c.thing}?`,
            `You left ${c.thing} in your checkout`,
            `Waiting for you: ${c.thing}`,
          ],
    preheader: (c) =>
      c.calm
        ? "No rush. Your checkout is saved for whenever you want it."
        : "We've kept your checkout just as you left it.",
    headline: (c) => (c.calm ? `We saved ${c.thing} for you` : `Still want ${c.thing}?`),
    body: (c) => [
      "Your checkout is saved with {{items}}.",
      c.detail,
      c.calm ? "Take your time. It'll be there when you're ready." : "It only takes a minute to finish.",
      replyLine,
    ],
    cta: (c) => (c.calm ? "View my checkout" : "Finish my order"),
    link: "recovery_url",
  },
  "checkout_abandonment.nudge": {
    subjects: (c) =>
      c.calm
        ? [`A little more about ${c.thing}`, `Questions about ${c.thing}?`, `In case it helps: ${c.thing}`]
        : [
            `Any questions about ${c.thing}?`,
            `Here's what to know about ${c.thing}`,
            `${cap(c.thing)}, in a nutshell`,
          ],
    preheader: () => "A few details that might help you decide.",
    headline: (c) => `A closer look at ${c.thing}`,
    body: (c) => [
      c.detail ?? "Most questions are about fit or care, and we're happy to help with either.",
      c.price
        ? `It's ${c.price}, and your checkout is still saved.`
        : "Your checkout is still saved with {{items}}.",
      replyLine,
    ],
    cta: (c) => (c.calm ? "Have another look" : "Back to my checkout"),
    link: "recovery_url",
  },
  "checkout_abandonment.last_call": {
    subjects: (c) =>
      c.calm
        ? [
            `One last note about ${c.thing}`,
            `Still here if you want ${c.thing}`,
            `We saved ${c.thing} for you`,
          ]
        : [
            `Last call for ${c.thing}`,
            `Your checkout closes soon`,
            `Before ${c.thing} goes back on the shelf`,
          ],
    preheader: (c) =>
      c.discount
        ? "A small thank-you if you'd like to finish your order."
        : "This is the last reminder we'll send.",
    headline: (c) => (c.calm ? `${cap(c.thing)}, one last time` : `Last call for ${c.thing}`),
    body: (c) => [
      c.calm
        ? "This is the last reminder we'll send about your checkout."
        : "We can't hold your checkout forever.",
      offer(c),
      c.detail,
      c.calm ? "If now isn't the right time, no problem at all." : null,
    ],
    cta: (c) => (c.calm ? "View my checkout" : "Complete my order"),
    link: "recovery_url",
  },
  "cart_abandonment.reminder": {
    subjects: (c) =>
      c.calm
        ? [`In your cart: ${c.thing}`, `Saved in your cart: ${c.thing}`, `Whenever you're ready`]
        : [
            `You left ${c.thing} in your cart`,
            `Still deciding on ${c.thing}?`,
            `Waiting in your cart: ${c.thing}`,
          ],
    preheader: () => "Your cart is saved, along with everything in it.",
    headline: (c) => `Still in your cart: ${c.thing}`,
    body: (c) => [
      "You added {{items}} to your cart.",
      c.detail,
      c.price ? `It's ${c.price}.` : null,
      c.calm ? "No rush, we'll keep it there for you." : "Pick up where you left off in one click.",
    ],
    cta: (c) => (c.calm ? "See my cart" : "Back to my cart"),
    link: "recovery_url",
  },
  "browse_abandonment.reminder": {
    subjects: (c) =>
      c.calm
        ? [`More about ${c.thing}`, `${cap(c.thing)}, up close`, `A note on ${c.thing}`]
        : [
            `Still curious about ${c.thing}?`,
            `Here's why people love ${c.thing}`,
            `Have another look at ${c.thing}`,
          ],
    preheader: () => "What makes it worth a second look.",
    headline: (c) => `What makes ${c.thing} worth it`,
    body: (c) => [
      c.detail ?? "It's one of the pieces our customers come back to.",
      c.price ? `It's ${c.price}.` : null,
      replyLine,
    ],
    cta: () => "Have a look",
    link: "product_url",
  },
  "post_purchase.thank_you": {
    subjects: (c) => [
      `Thanks for choosing ${c.thing}`,
      `Your order {{order_name}} is in good hands`,
      `Thank you from all of us`,
    ],
    preheader: () => "Here's what happens next with your order.",
    headline: () => "Thank you for your order",
    body: (c) => [
      `We're getting ${c.thing} ready to ship.`,
      c.detail,
      "We'll email you again when it's on its way.",
      replyLine,
    ],
    cta: () => "Visit the shop",
    link: "shop_url",
  },
  "post_purchase.tips": {
    subjects: (c) => [
      `Getting the most from ${c.thing}`,
      `A few tips for ${c.thing}`,
      `How to care for ${c.thing}`,
    ],
    preheader: () => "Small things that make a big difference.",
    headline: (c) => `Tips for ${c.thing}`,
    body: (c) => [
      `Now that your order is here, a few tips for ${c.thing}.`,
      c.detail,
      "Store it clean and dry, and it'll serve you well for years.",
      replyLine,
    ],
    cta: () => "See care tips",
    link: "product_url",
  },
  "post_purchase.cross_sell": {
    subjects: (c) => [
      `Pairs well with your last order: ${c.thing}`,
      `Customers also picked ${c.thing}`,
      `Meet ${c.thing}`,
    ],
    preheader: () => "What other customers picked up next.",
    headline: (c) => `You might like ${c.thing}`,
    body: (c) => [
      `Customers who bought what you did often add ${c.thing}.`,
      c.detail,
      c.price ? `It's ${c.price}.` : null,
    ],
    cta: () => "Have a look",
    link: "product_url",
  },
  "win_back.first_touch": {
    subjects: (c) => [
      `It's been a while`,
      `We've missed you at {{shop_name}}`,
      `Something new since ${c.thing}`,
    ],
    preheader: () => "A few things have changed since your last visit.",
    headline: () => "It's been a while",
    body: (c) => [
      "It's been a little while since your last order.",
      `Since then we've been busy, and we still love ${c.thing}.`,
      c.detail,
    ],
    cta: () => "See what's new",
    link: "shop_url",
  },
  "win_back.second_touch": {
    subjects: (c) =>
      c.calm
        ? ["A small welcome back", `Still thinking of you and ${c.thing}`, "A note from {{shop_name}}"]
        : [
            "Here's a little something to welcome you back",
            `Come back for ${c.thing}`,
            "Your welcome-back code",
          ],
    preheader: (c) => (c.discount ? "A small thank-you for coming back." : "We'd love to see you again."),
    headline: () => "A welcome back from us",
    body: (c) => [
      offer(c),
      c.detail,
      c.calm ? "Whenever you're ready, we're here." : "We'd love to see you again soon.",
    ],
    cta: () => "Visit the shop",
    link: "shop_url",
  },
  "anniversary.note": {
    subjects: () => [
      "A year ago today",
      "Happy anniversary from {{shop_name}}",
      "One year of {{first_product_title}}",
    ],
    preheader: () => "A little thank-you for a year together.",
    headline: () => "It's been a year",
    body: (c) => [
      "A year ago you placed your first order with us: {{first_product_title}}.",
      "Thank you for being part of the shop since then.",
      c.detail,
    ],
    cta: () => "Visit the shop",
    link: "shop_url",
  },
  ...WELCOME_WORDS,
};

function cap(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
