// JSON endpoint for the demo clock (used by `npm run demo:advance`): GET reads simulated time,
// POST {"advance":"2h"} or {"replay":true} acts. Demo mode and loopback only; JSON bodies only, so
// a cross-site form cannot trigger it.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { demoBypassAllowed } from "../admin.server";
import { advanceDemo, demoClock, replayDemo } from "../demo/actions.server";
import { parseDuration } from "../demo/duration";

const bodySchema = z.union([
  z.object({ advance: z.string().max(20) }),
  z.object({ replay: z.literal(true) }),
]);

export async function loader({ context }: LoaderFunctionArgs) {
  if (!demoBypassAllowed(context)) throw new Response("Not found", { status: 404 });
  return Response.json(await demoClock());
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (!demoBypassAllowed(context)) throw new Response("Not found", { status: 404 });
  if (!request.headers.get("content-type")?.startsWith("application/json")) {
    return Response.json({ error: "send JSON" }, { status: 415 });
  }
  const parsed = bodySchema.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return Response.json({ error: 'expected {"advance":"2h"} or {"replay":true}' }, { status: 400 });
  if ("replay" in parsed.data) return Response.json({ replayed: await replayDemo() });
  const ms = parseDuration(parsed.data.advance);
  if (ms === null)
    return Response.json({ error: "advance like 90m, 2h, 1d or 1w (at most 400 days)" }, { status: 400 });
  return Response.json(await advanceDemo(ms));
}
