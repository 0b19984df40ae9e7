import { writeFileSync } from "node:fs";
import { renderCatalogCsv } from "@cxprism/core";

const target = new URL("./contact-center.csv", import.meta.url);
writeFileSync(target, renderCatalogCsv());
console.log(`wrote ${target.pathname}`);
