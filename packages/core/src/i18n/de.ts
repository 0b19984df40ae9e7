import type { Messages } from "./messages.js";

const s = (count: number, one: string, many: string): string =>
  `${String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ".")} ${count === 1 ? one : many}`;

const RULE_MEAN = {
  closeness: ["näher an der idealen", "Ecke (100, 100)"],
  "geometric-mean": ["höheres geometrisches Mittel", "von Nutzen und Machbarkeit"],
  "weighted-mean": ["höheres gewichtetes Mittel", "von Nutzen und Machbarkeit"],
} as const;

/** German (Deutsch). */
export const de: Messages = {
  lang: "de",
  direction: "ltr",
  number: { decimal: ",", group: "." },
  quadrants: {
    "likely-win": "Sicherer Gewinn",
    "calculated-risk": "Kalkuliertes Risiko",
    "marginal-gain": "Kleiner Gewinn",
    unlikely: "Unwahrscheinlich",
  },
  kpis: {
    fcr: "Erstlösungsquote",
    ces: "Kundenaufwand (CES)",
    csat: "Kundenzufriedenheit",
    nps: "Net Promoter Score",
    aht: "Durchschnittliche Bearbeitungszeit",
    containment: "Self-Service-Abschlussquote",
    call_volume: "Kontaktvolumen mit Mitarbeitenden",
    time_to_resolution: "Zeit bis zur Lösung",
    digital_adoption: "Nutzung digitaler Kanäle",
    cost_per_contact: "Kosten pro Kontakt",
    retention: "Kundenbindung",
    clv: "Kundenwert (CLV)",
    agent_attrition: "Fluktuation der Mitarbeitenden",
    forecast_accuracy: "Genauigkeit der Lastprognose",
    service_level: "Servicelevel",
    revenue: "Umsatz",
  },
  priorityRules: {
    closeness: "Nähe zur idealen Ecke",
    "geometric-mean": "geometrisches Mittel von Nutzen und Machbarkeit",
    "weighted-mean": "gewichtetes Mittel von Nutzen und Machbarkeit",
  },
  matrix: {
    title: "Prisma-Matrix: Geschäftsnutzen und Machbarkeit",
    subtitle: (count, rule, value, feasibility) =>
      `${s(count, "Initiative", "Initiativen")} · Priorität = ${rule} · Schwellen: Nutzen ${value}, Machbarkeit ${feasibility}`,
    feasibilityAxis: "Machbarkeit →",
    valueAxis: "Geschäftsnutzen →",
    valueAxisShort: "Nutzen →",
    category: "Kategorie",
    uncategorised: "Ohne Kategorie",
    cost: "Kosten",
    size: (label) => `Größe: ${label}`,
    noSize: (label) => `${label}: keine Angabe`,
    priority: "Priorität",
    low: "niedrig",
    high: "hoch",
    bandCaption: (rule, theme) => {
      const [head, tail] = RULE_MEAN[rule];
      return [`${theme === "dark" ? "Heller" : "Dunkler"}: ${head}`, tail];
    },
    keyOverflow: (count, from) => `… und ${count} weitere (Nummern ab ${from})`,
    unlabelled: (top, count) => [
      `Namen nur an den ${top}`,
      "mit höchster Priorität;",
      `${count} Punkte ohne Namen`,
    ],
    keyTitle: "Legende: Initiativen mit Nummer im Diagramm",
    initiatives: "Initiativen",
    words: { value: "Nutzen", feasibility: "Machbarkeit", priority: "Priorität" },
    describe: (count, value, feasibility, rule) =>
      `Streudiagramm mit ${s(count, "Initiative", "Initiativen")}: Geschäftsnutzen von 0 bis 100 nach oben, Machbarkeit von 0 bis 100 nach rechts. Quadrantenschwellen: Nutzen ${value}, Machbarkeit ${feasibility}. Die schattierten Bänder zeigen die Priorität, die ${rule}.`,
    textAxes: (count) => `Geschäftsnutzen ↑  ·  Machbarkeit →  ·  ${s(count, "Initiative", "Initiativen")}`,
  },
  plan: {
    documentTitle: "Plan der KI-Initiativen",
    pilots: "Piloten",
    wave: (number) => `Welle ${number}`,
    waveOnePilots: "Welle 1: Piloten",
    roadmapTitle: (count, cost, budget) =>
      `Roadmap: ${s(count, "Initiative", "Initiativen")}, Kosten ${cost} von ${budget}`,
    roadmapDescription: (count, waves, cost, budget) =>
      `Roadmap: ${s(count, "Initiative", "Initiativen")} in ${s(waves, "Welle", "Wellen")}, Kosten ${cost} von ${budget}`,
    priorityShort: (priority) => `Priorität ${priority}`,
    nothingFits: "Nichts passt ins Budget.",
    needs: (names) => `braucht ${names}`,
    budgetLine: (budget, cost, share, unit) =>
      `**Budget:** ${budget}; geplant ${cost} (${share}), gerechnet in Einheiten von ${unit}`,
    capacityLine: (capacity, effort) => `**Kapazität:** ${capacity} Personenmonate; geplant ${effort}`,
    selectedLine: (count, waves, objective) =>
      `**Ausgewählt:** ${s(count, "Initiative", "Initiativen")} in ${s(waves, "Welle", "Wellen")}, maximiert wird ${objective}`,
    objectives: {
      priority: "die Priorität",
      value: "der Geschäftsnutzen",
      "net-benefit": "der Kapitalwert (NPV)",
    },
    businessCaseLine: (npv, years, rate, benefit, runCost) =>
      `**Business Case:** Kapitalwert ${npv} über ${s(years, "Jahr", "Jahre")} zu ${rate}; Nutzen ${benefit} und Betriebskosten ${runCost} pro Jahr`,
    columns: {
      initiative: "Initiative",
      quadrant: "Quadrant",
      priority: "Priorität",
      cost: "Kosten",
      payback: "Amortisation",
      needs: "Braucht",
      rank: "Rang",
      kpi: "Kennzahl",
      initiatives: "Initiativen",
    },
    never: "nie",
    months: (months) => `${months} Mon.`,
    waveCost: (cost, effort) => `Kosten ${cost}${effort === undefined ? "" : `, ${effort} Personenmonate`}.`,
    kpisToMeasure: "Zu messende Kennzahlen",
    kpiCoverage: "Abdeckung der Kennzahlen",
    noKpis: "Der Plan nennt keine Kennzahlen.",
    uncoveredGoals: "Nicht abgedeckte Ziele",
    capabilitiesOwned: "Bereits vorhandene Fähigkeiten",
    rightSizing: "Konsolidierung",
    appsLine: (inUse, needed) =>
      `**Anwendungen im Einsatz:** ${inUse}; **nötig**, um jede Fähigkeit zu behalten: ${needed}`,
    retire: "Kandidaten zum Abschalten",
    providedBy: (capability, apps) => `${capability} bieten ${apps}`,
    notInPlan: "Nicht in diesem Plan",
    notes: "Hinweise",
    dependencyNote: "Pfeile führen von einer Voraussetzung zu der Initiative, die sie braucht.",
  },
  pack: {
    title: "KI-Initiativen: was zuerst kommt",
    subtitle: (date) => `Vorstandsunterlage · ${date}`,
    preparedFor: (raters, rounds) =>
      `${s(raters, "Bewertende Person", "Bewertende")}${rounds > 0 ? ` · ${s(rounds, "Bewertungsrunde", "Bewertungsrunden")}` : ""}`,
    summary: "Zusammenfassung",
    summaryLead: (count, likelyWins) =>
      `Wir haben ${s(count, "Initiative", "Initiativen")} nach Geschäftsnutzen und Machbarkeit bewertet; ${likelyWins === 1 ? "1 ist ein sicherer Gewinn" : `${likelyWins} sind sichere Gewinne`}.`,
    summaryTop: (rank, name, quadrant, priority) => `#${rank} ${name} (${quadrant}, Priorität ${priority}).`,
    summaryWhy: (criteria) => `Am stärksten tragen bei: ${criteria}.`,
    summaryConfidence: (name, probability) =>
      `${name} bleibt in ${probability} der plausiblen Varianten von Gewichten und Bewertungen unter den ersten drei.`,
    summaryPlan: (count, waves, cost, budget) =>
      `Der Plan finanziert ${s(count, "Initiative", "Initiativen")} in ${s(waves, "Welle", "Wellen")} für ${cost} bei einem Budget von ${budget}.`,
    matrix: "Die Prisma-Matrix",
    ranking: "Rangfolge und ihre Treiber",
    columns: {
      rank: "#",
      initiative: "Initiative",
      quadrant: "Quadrant",
      value: "Nutzen",
      feasibility: "Machbarkeit",
      priority: "Priorität",
      topContributions: "Größte Beiträge",
      probabilityTop: (k) => `P(Top ${k})`,
      probabilityQuadrant: "P(gleicher Quadrant)",
      rankRange: "Wahrscheinlichster Rang",
      criterion: "Kriterium",
      axis: "Achse",
      weight: "Gewicht",
      direction: "Richtung",
      scale: "Skala",
      rater: "Bewertende",
      spread: "Bewertungen",
      before: "Vorher",
      after: "Nachher",
      change: "Änderung",
      npv: "Kapitalwert",
      roi: "ROI",
      payback: "Amortisation",
      kpis: "Zu messende Kennzahlen",
      cost: "Kosten",
      coveredBy: "Bereits abgedeckt durch",
      initiativesCount: "Initiativen",
    },
    confidence: "Wie sicher ist die Rangfolge?",
    confidenceLead: (iterations) =>
      `Wahrscheinlichkeiten aus ${s(iterations, "simulierten Variante", "simulierten Varianten")} der Gewichte und Bewertungen.`,
    stability: "Stabilität der Gewichte",
    stabilityLine: (criterion, low, high, current) =>
      `${criterion}: die erste Initiative bleibt vorn bei Gewichten von ${low} bis ${high} (jetzt ${current}).`,
    discussion: "Besprochene Bewertungen",
    discussionLead: (count) =>
      `${s(count, "Bewertung lag", "Bewertungen lagen")} so weit auseinander, dass sich Rang oder Quadrant ändern konnte.`,
    rounds: "Was sich zwischen den Runden geändert hat",
    currentRound: "dieser Runde",
    roundsLead: (from, to) => `Von ${from} zu ${to}.`,
    plan: "Der Plan",
    wave: (label, cost) => `${label} · ${cost}`,
    dataReadiness: "Datenreife",
    dataReadinessLine: (name, readiness) =>
      `${name}: Datenreife ${readiness}. Erst die Daten bereitstellen, dann skalieren.`,
    aggregations: { mean: "Mittelwert", median: "Median", "geometric-mean": "geometrisches Mittel" },
    kpiCoverage: "Abdeckung der Zielkennzahlen",
    uncoveredGoals: (kpis) => `Ziele, die keine geplante Initiative bewegt: ${kpis}.`,
    overlap: "Erst konsolidieren, dann kaufen",
    overlapLine: (name, apps) => `${name}: bereits abgedeckt durch ${apps}.`,
    method: "Methode und Annahmen",
    methodLead: (rule, value, feasibility, aggregation) =>
      `Die Priorität ist die ${rule}. Quadrantenschwellen: Nutzen ${value}, Machbarkeit ${feasibility}. Bewertungen zusammengefasst per ${aggregation}.`,
    axes: { value: "Nutzen", feasibility: "Machbarkeit" },
    directions: { benefit: "höher ist besser", cost: "niedriger ist besser" },
    appendix: "Anhang: alle Bewertungen",
    appendixLead: "Jede Bewertung wie abgegeben, eine Zeile je Initiative und bewertender Person.",
    continued: "(Fortsetzung)",
    page: (page, pages) => `${page} / ${pages}`,
    matrixDescription: "Beschreibung der Matrix",
    fullNames: "Vollständige Namen",
  },
};
