export * from "./criterion.js";
export * from "./initiative.js";
export * from "./kpi.js";
export * from "./model.js";
export * from "./result.js";
