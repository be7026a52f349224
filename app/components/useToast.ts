// Toasts through App Bridge (`shopify.toast`). Outside Shopify admin (demo opened directly, App
// Bridge script unreachable) the global is missing: the message is then only announced to
// screen readers via the page's own status text, never a crash.
import { useCallback } from "react";

export function useToast(): (message: string, options?: { isError?: boolean }) => void {
  return useCallback((message, options) => {
    if (typeof window === "undefined") return;
    const bridge = (window as { shopify?: typeof shopify }).shopify;
    bridge?.toast?.show(message, { duration: 4000, isError: options?.isError ?? false });
  }, []);
}
