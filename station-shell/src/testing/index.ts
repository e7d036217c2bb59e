/** @onewindow/station-shell/testing: checks each shell's tests run on its own files (never loads electron). */
export { electronBoundaryOf, type ElectronBoundaryReport } from "./electronBoundary.ts";
export { packagingProblems } from "./packagingProblems.ts";
