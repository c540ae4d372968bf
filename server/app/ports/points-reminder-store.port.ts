/** Which points-expiry reminders were sent (PointsReminderRepository). */
export interface PointsReminderStore {
  /** true the first time for this member and date (then the caller writes the notice), false after. */
  first(memberId: string, expiresOn: string, points: number, at: string): boolean;
}
