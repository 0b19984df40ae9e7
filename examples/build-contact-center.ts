import { writeFileSync } from "node:fs";
import { renderContactCenterCsv } from "./contact-center-csv.js";

const target = new URL("./contact-center.csv", import.meta.url);
writeFileSync(target, renderContactCenterCsv());
console.log(`wrote ${target.pathname}`);
