/** Test fixtures of the simulation: the smallest valid scenario file, for tests to spread their changes over. */

/** One item A (5 minutes, cv 0.5), one window serving it, one hour of 10 arrivals, one seed. */
export const minimalScenarioFile = {
  name: "t",
  timezone: "Asia/Shanghai",
  date: "2026-03-10",
  open: "09:00",
  issueUntil: 60,
  hourlyArrivals: [10],
  items: [{ code: "A", group: "G", share: 1, meanMinutes: 5, cv: 0.5, priorMinutes: 5 }],
  windows: [{ id: 1, skills: { A: 5 } }],
  seeds: [1],
};
