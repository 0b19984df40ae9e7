import type { Plan } from "../plan/plan.js";
import { formatAmount } from "./plan-markdown.js";

const WIDTH = 960;
const LABEL_WIDTH = 150;
const TITLE_HEIGHT = 48;
const LANE_HEIGHT = 96;
const BOX_HEIGHT = 60;
const GAP = 12;
const MAX_BOX_WIDTH = 240;

/** Escapes text for SVG content and attribute values. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Rounds a coordinate to 0.1 so output is stable across platforms. */
function r(x: number): string {
  return String(Math.round(x * 10) / 10);
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join("")}…`;
}

/**
 * Renders a plan as an SVG roadmap: one lane per wave (pilots at the top), each initiative a box with its
 * name, cost and priority, and a line from each prerequisite to what needs it. Text is XML-escaped, numbers
 * rounded: the same plan always gives the same bytes.
 *
 * @param plan - the output of `createPlan`
 * @returns a standalone SVG document
 */
export function renderPlanSvg(plan: Plan): string {
  const lanes = Math.max(1, plan.waves.length);
  const height = TITLE_HEIGHT + lanes * LANE_HEIGHT + GAP;
  const byId = new Map(plan.initiatives.map((initiative) => [initiative.id, initiative]));
  const centre = new Map<string, { x: number; top: number; bottom: number }>();
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" role="img" aria-labelledby="plan-title">`,
    `<title id="plan-title">Roadmap: ${plan.totals.initiatives} initiative(s) in ${plan.waves.length} wave(s), cost ${escapeXml(formatAmount(plan.totals.cost))} of ${escapeXml(formatAmount(plan.budget))}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${GAP}" y="30" font-size="18" font-weight="600" fill="#1f2937">Roadmap: ${plan.totals.initiatives} initiative(s), cost ${escapeXml(formatAmount(plan.totals.cost))} of ${escapeXml(formatAmount(plan.budget))}</text>`,
  );
  const boxes: string[] = [];
  plan.waves.forEach((wave, w) => {
    const top = TITLE_HEIGHT + w * LANE_HEIGHT;
    const fill = w % 2 === 0 ? "#f3f4f6" : "#ffffff";
    parts.push(
      `<g class="lane" data-wave="${wave.number}">`,
      `<rect x="0" y="${top}" width="${WIDTH}" height="${LANE_HEIGHT}" fill="${fill}"/>`,
      `<text x="${GAP}" y="${top + 34}" font-size="15" font-weight="600" fill="#111827">${escapeXml(wave.label)}</text>`,
      `<text x="${GAP}" y="${top + 54}" font-size="11" fill="#4b5563">${escapeXml(formatAmount(wave.cost))}</text>`,
      `<text x="${GAP}" y="${top + 70}" font-size="10" fill="#6b7280">${escapeXml(truncate(wave.kpis.join(", "), 24))}</text>`,
      "</g>",
    );
    const n = wave.initiatives.length;
    const room = WIDTH - LABEL_WIDTH - GAP;
    const boxWidth = Math.min(MAX_BOX_WIDTH, (room - GAP * (n - 1)) / Math.max(1, n));
    const chars = Math.max(4, Math.floor(boxWidth / 7));
    wave.initiatives.forEach((id, k) => {
      const initiative = byId.get(id)!;
      const x = LABEL_WIDTH + k * (boxWidth + GAP);
      const y = top + (LANE_HEIGHT - BOX_HEIGHT) / 2;
      centre.set(id, { x: x + boxWidth / 2, top: y, bottom: y + BOX_HEIGHT });
      const stroke = initiative.pilot ? "#047857" : "#1d4ed8";
      boxes.push(
        `<g class="initiative" data-id="${escapeXml(id)}">`,
        `<rect x="${r(x)}" y="${r(y)}" width="${r(boxWidth)}" height="${BOX_HEIGHT}" rx="6" fill="#ffffff" stroke="${stroke}" stroke-width="1.5"/>`,
        `<text x="${r(x + 8)}" y="${r(y + 22)}" font-size="12" font-weight="600" fill="#111827">${escapeXml(truncate(initiative.name, chars))}</text>`,
        `<text x="${r(x + 8)}" y="${r(y + 42)}" font-size="11" fill="#374151">${escapeXml(truncate(`${formatAmount(initiative.cost)} · priority ${formatAmount(initiative.priority, 0)}`, chars + 4))}</text>`,
        "</g>",
      );
    });
  });
  const links: string[] = [];
  for (const wave of plan.waves) {
    for (const id of wave.initiatives) {
      const to = centre.get(id)!;
      for (const prerequisite of byId.get(id)!.dependsOn) {
        const from = centre.get(prerequisite);
        if (from === undefined) continue;
        links.push(
          `<line x1="${r(from.x)}" y1="${r(from.bottom)}" x2="${r(to.x)}" y2="${r(to.top)}" stroke="#9ca3af" stroke-width="1" stroke-dasharray="4 3"/>`,
        );
      }
    }
  }
  if (plan.waves.length === 0) {
    parts.push(
      `<text x="${LABEL_WIDTH}" y="${TITLE_HEIGHT + 50}" font-size="14" fill="#6b7280">Nothing fits the budget.</text>`,
    );
  }
  return `${[...parts, ...links, ...boxes, "</svg>"].join("\n")}\n`;
}
