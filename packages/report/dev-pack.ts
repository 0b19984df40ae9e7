import { writeFileSync } from "node:fs";
import {
  analyseWeightStability,
  buildBoardPack,
  catalogInitiatives,
  createPlan,
  de,
  en,
  runMonteCarlo,
  score,
  validatePortfolio,
} from "@cxprism/core";
import { Resvg } from "@resvg/resvg-js";
import { loadPackFonts, renderBoardPackPdf, renderBoardPackPptx } from "./src/index.js";

const count = Number(process.argv[2] ?? 22);
const lang = process.argv[3] === "de" ? de : en;
const base = catalogInitiatives();
const extraNames = [
  "Asiakaspalvelun älykäs jonoohjaus ja työvuorosuunnittelu",
  "Голосовой помощник для колл-центра",
  "مساعد افتراضي لخدمة العملاء",
  "Kundenservice-Wissensdatenbankautomatisierungsplattform",
];
const initiatives = Array.from({ length: count }, (_, i) => {
  const source = base[i % base.length]!;
  const name =
    i < base.length ? source.name : `${extraNames[i % extraNames.length]} ${Math.floor(i / base.length) + 1}`;
  return {
    ...source,
    id: `${source.id}-${i}`,
    name:
      i === 3
        ? extraNames[2]!
        : i === 5
          ? extraNames[1]!
          : i === 7
            ? extraNames[0]!
            : i === 9
              ? extraNames[3]!
              : name,
    cost: 100_000 + ((i * 37) % 19) * 30_000,
    benefit: 50_000 + ((i * 11) % 7) * 40_000,
    runCost: 20_000,
    dependsOn: [],
  };
});
const results = score(initiatives);
const validation = validatePortfolio(initiatives);
if (!validation.success) throw new Error("invalid");
const confidence = runMonteCarlo(validation.portfolio, { iterations: 500, seed: 1 });
const stability = analyseWeightStability(validation.portfolio);
const plan = createPlan(initiatives, { budget: 2_000_000, goals: ["fcr", "clv", "nps"] });
const pack = buildBoardPack({
  results,
  date: "2026-11-30",
  messages: lang,
  raters: 8,
  rounds: 2,
  confidence,
  stability,
  plan,
  initiatives,
});
const fonts = await loadPackFonts();
const pdf = await renderBoardPackPdf(pack, { fonts });
writeFileSync(process.argv[4] ?? "/tmp/pack/pack.pdf", pdf);
console.log(pack.sections.map((s) => s.id).join(","), pdf.length);
const pptx = await renderBoardPackPptx(pack, {
  rasterise: (svg, width) =>
    new Resvg(svg, {
      fitTo: { mode: "width", value: width },
      font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
    })
      .render()
      .asPng(),
});
writeFileSync((process.argv[4] ?? "/tmp/pack/pack.pdf").replace(/\.pdf$/, ".pptx"), pptx);
