// Shows a toast once per completed fetcher/action result: `{ ok: true, message }` or an error.
import { useEffect, useRef } from "react";
import { useToast } from "./useToast";

export interface ActionResult {
  ok?: boolean;
  message?: string;
  error?: string;
}

export function useActionToast(result: ActionResult | undefined, state: string): void {
  const toast = useToast();
  const shown = useRef<ActionResult | undefined>(undefined);
  useEffect(() => {
    if (state !== "idle" || !result || shown.current === result) return;
    shown.current = result;
    if (result.ok && result.message) toast(result.message);
    else if (result.error) toast(result.error, { isError: true });
  }, [result, state, toast]);
}
