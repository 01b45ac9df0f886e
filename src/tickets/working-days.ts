/**
 * Due times in working days: Saturdays and Sundays do not count (UTC). A ticket filed on Friday at
 * 10:00 with 3 working days is due on Wednesday at 10:00; one filed on Saturday too.
 */
const DAY_MS = 86_400_000;

export function addWorkingDays(startMs: number, days: number): number {
  let at = startMs;
  let added = 0;
  while (added < days) {
    at += DAY_MS;
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) added++;
  }
  return at;
}
