// Web Pixel events in (extensions/tend-pixel posts here). The collector does all the checking.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { pixelCollector } from "../pixel/wiring.server";

const remote = (context: unknown) =>
  (context as { remoteAddress?: string } | undefined)?.remoteAddress ?? "unknown";

export function action({ request, context }: ActionFunctionArgs) {
  return pixelCollector().handle(request, remote(context));
}

export function loader({ request, context }: LoaderFunctionArgs) {
  return pixelCollector().handle(request, remote(context));
}
