/** The one place the box reads the time; the domain receives it as a value. */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };
