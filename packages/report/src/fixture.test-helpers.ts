import { buildBoardPack, catalogInitiatives, de, en, score } from "@cxprism/core";
import { createPlan } from "@cxprism/core/plan";

/** Names in Finnish, Russian, Arabic and a long German compound: the scripts the pack must print. */
export const WORLD_NAMES = [
  "Asiakaspalvelun älykäs jonoohjaus",
  "Голосовой помощник для колл-центра",
  "مساعد افتراضي لخدمة العملاء",
  "Kundenservice-Wissensdatenbankautomatisierungsplattform",
] as const;

/**
 * A portfolio of `count` initiatives built from the catalogue (renamed past its end), the first four carrying
 * {@link WORLD_NAMES}, with costs and benefits so every section has data.
 */
export function samplePack(count: number, lang: "en" | "de") {
  const base = catalogInitiatives();
  const initiatives = Array.from({ length: count }, (_, i) => {
    const source = base[i % base.length]!;
    const name =
      i < WORLD_NAMES.length ? WORLD_NAMES[i]! : i < base.length ? source.name : `${source.name} ${i}`;
    return {
      ...source,
      id: `${source.id}-${i}`,
      name,
      dependsOn: [],
      cost: 100_000 + ((i * 37) % 19) * 30_000,
      benefit: 50_000 + ((i * 11) % 7) * 40_000,
      runCost: 20_000,
    };
  });
  const plan = createPlan(initiatives, { budget: 2_000_000, goals: ["fcr", "nps"] });
  return {
    initiatives,
    pack: buildBoardPack({
      results: score(initiatives),
      date: "2026-11-30",
      messages: lang === "de" ? de : en,
      plan,
      initiatives,
    }),
  };
}
