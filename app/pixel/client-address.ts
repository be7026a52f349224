// The shopper's address behind `TRUST_PROXY` proxies. Each proxy appends the peer it saw to
// X-Forwarded-For, so with n trusted hops the client is the n-th address from the right (the socket
// peer being hop one). Entries further left were written by the client itself and are never trusted.
import { isIP } from "node:net";

export function clientAddress(socket: string, forwardedFor: string | null, trustedHops: number): string {
  if (trustedHops <= 0 || !forwardedFor) return socket || "unknown";
  const chain = [
    ...forwardedFor
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    socket,
  ];
  const picked = chain[Math.max(0, chain.length - 1 - trustedHops)];
  // A garbled entry (not an address) falls back to the last hop we trust: still one bucket per peer.
  return isIP(picked) ? picked : chain[chain.length - 1] || "unknown";
}
