// Web Pixel events in (extensions/tend-pixel posts here). The collector does all the checking.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { pixelCollector, requestAddress } from "../pixel/wiring.server";

const socket = (context: unknown) => (context as { remoteAddress?: string } | undefined)?.remoteAddress;

export function action({ request, context }: ActionFunctionArgs) {
  return pixelCollector().handle(request, requestAddress(request, socket(context)));
}

export function loader({ request, context }: LoaderFunctionArgs) {
  return pixelCollector().handle(request, requestAddress(request, socket(context)));
}
