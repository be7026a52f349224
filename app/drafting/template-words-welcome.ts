// The template drafter's wording for the welcome series and the post-purchase check-in. Same rules as
// template-words.ts: short sentences, contractions the voice guide may expand, the product never the
// subject of a sentence. Welcome readers have never ordered: nothing here thanks them for an order.
import type { StepWords, WordsContext } from "./template-words";

const replyLine = "Got a question? Just reply, a real person reads every email.";

export const WELCOME_WORDS: Record<string, StepWords> = {
  "welcome.hello": {
    subjects: (c: WordsContext) => [
      "Welcome to {{shop_name}}",
      "Glad you're here",
      `Say hello to ${c.thing}`,
    ],
    preheader: () => "Thanks for subscribing. Here's a little about us.",
    headline: () => "Welcome to {{shop_name}}",
    body: (c) => [
      "Thanks for subscribing, {{first_name}}.",
      `To start, meet one of our bestsellers: ${c.thing}.`,
      c.detail,
      replyLine,
    ],
    cta: () => "Visit the shop",
    link: "product_url",
  },
  "welcome.best_sellers": {
    subjects: (c) => [`Why customers choose ${c.thing}`, "A favourite at {{shop_name}}", `Meet ${c.thing}`],
    preheader: () => "One of the things our customers come back for.",
    headline: (c) => `A closer look at ${c.thing}`,
    body: (c) => [
      `Customers keep coming back for ${c.thing}.`,
      c.detail,
      c.price ? `It's ${c.price}.` : null,
    ],
    cta: () => "Have a look",
    link: "product_url",
  },
  "welcome.first_order": {
    subjects: (c) =>
      c.calm
        ? ["Whenever you're ready", "A note from {{shop_name}}", `In case you missed ${c.thing}`]
        : [
            "Ready for your first order?",
            `Still curious about ${c.thing}?`,
            "Your first order at {{shop_name}}",
          ],
    preheader: () => "No rush. Here's one place to start.",
    headline: () => "Whenever you're ready",
    body: (c) => [
      `Not sure where to start? Try ${c.thing}, one of our bestsellers.`,
      c.detail,
      c.calm ? "Take your time. We'll be here." : "It only takes a minute to order.",
      replyLine,
    ],
    cta: () => "Shop now",
    link: "product_url",
  },
  "post_purchase.check_in": {
    subjects: (c) => [
      `How's it going with ${c.thing}?`,
      `A quick check-in about ${c.thing}`,
      `Getting on well with ${c.thing}?`,
    ],
    preheader: () => "A couple of weeks in: a few ways to use it well.",
    headline: () => "How's it going?",
    body: (c) => [
      `You've had ${c.thing} for a couple of weeks now. We hope it's serving you well.`,
      c.detail,
      "A little regular care keeps it working like new.",
      replyLine,
    ],
    cta: () => "See how to use it",
    link: "product_url",
  },
};
