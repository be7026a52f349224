// "90m", "2h", "1.5d", "1w" → milliseconds, for the demo clock's advance command and form.
const UNIT: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
export const MAX_ADVANCE_MS = 400 * 86_400_000;

export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$/i.exec(text);
  if (!m) return null;
  const ms = Math.round(Number(m[1]) * UNIT[m[2].toLowerCase()]);
  return ms > 0 && ms <= MAX_ADVANCE_MS ? ms : null;
}

export function formatDuration(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const hours = Math.floor((ms % 86_400_000) / 3_600_000);
  const minutes = Math.round((ms % 3_600_000) / 60_000);
  return (
    [days && `${days}d`, hours && `${hours}h`, minutes && `${minutes}m`].filter(Boolean).join(" ") || "0m"
  );
}
