// What the demo says about quiet hours: they stay on in the demo (a product promise), so a demo
// started in the shop's evening holds its sends until morning, and the page says why and until when.
import { localParts, minuteOfDay, quietHoursRelease } from "../flows/time";

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

export interface QuietHoursNote {
  active: boolean;
  /** When sending resumes, if quiet hours are on now. */
  until: string | null;
  text: string;
}

export function quietHoursNote(at: Date, timeZone: string, start: number, end: number): QuietHoursNote {
  const window = `Quiet hours ${hhmm(start)}–${hhmm(end)} shop time (${timeZone})`;
  if (start === end)
    return { active: false, until: null, text: `Quiet hours are off for this shop (${timeZone}).` };
  const local = hhmm(minuteOfDay(at, timeZone));
  const release = quietHoursRelease(at, timeZone, start, end);
  if (!release)
    return { active: false, until: null, text: `${window}: it is ${local} there, so due emails go out now.` };
  const day = localParts(release, timeZone).day === localParts(at, timeZone).day ? "" : " tomorrow";
  return {
    active: true,
    until: release.toISOString(),
    text: `${window}: it is ${local} there, so the next sends go out at ${hhmm(end)}${day}. Advance the clock past ${hhmm(end)} (for example 1d) to see them.`,
  };
}
