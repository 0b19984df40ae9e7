import { en } from "../i18n/en.js";
import { formatLocalNumber } from "../i18n/index.js";
import type { Messages } from "../i18n/messages.js";
import { estimateTextWidth, wrapToWidth } from "../matrix/text-width.js";
import { escapeXml } from "../matrix/xml.js";
import type { Plan, PlanWave } from "../plan/plan.js";

const WIDTH = 960;
const LABEL_WIDTH = 170;
const TITLE_HEIGHT = 48;
const PAD = 12;
const GAP = 12;
const MIN_BOX_WIDTH = 150;
const MAX_BOX_WIDTH = 240;
const FONT = { title: 18, wave: 15, name: 12, detail: 11, small: 10 } as const;
const LINE = { name: 15, detail: 14, small: 13 } as const;
const COLOURS = {
  text: "#111827",
  detail: "#374151",
  muted: "#4b5563",
  pilot: "#047857",
  box: "#1d4ed8",
  link: "#6b7280",
} as const;

/** Options of {@link renderPlanSvg}. */
export interface PlanSvgOptions {
  /** The language of every printed text (default English). */
  readonly messages?: Messages;
}

/**
 * The printed name of a wave: "Pilots" for a first wave of pilots, otherwise "Wave n", in a language.
 *
 * @param wave - a wave of a plan
 * @param messages - the language
 * @returns the label
 */
export function waveLabel(wave: PlanWave, messages: Messages = en): string {
  return wave.number === 1 && wave.label === "Pilots"
    ? messages.plan.pilots
    : messages.plan.wave(wave.number);
}

/** Rounds a coordinate to 0.1 so output is stable across platforms. */
function r(x: number): string {
  return String(Math.round(x * 10) / 10);
}

function textLines(
  out: string[],
  lines: readonly string[],
  x: number,
  y: number,
  size: number,
  step: number,
  attrs: string,
): void {
  lines.forEach((line, i) => {
    out.push(
      `<text x="${r(x)}" y="${r(y + i * step)}" font-size="${size}"${attrs}>${escapeXml(line)}</text>`,
    );
  });
}

interface BoxText {
  readonly id: string;
  readonly name: string[];
  readonly detail: string[];
  readonly needs: string[];
  readonly pilot: boolean;
}

/**
 * Renders a plan as an SVG roadmap: one lane per wave (pilots at the top) with its cost and the KPIs to
 * measure by name, each initiative a box with its whole name (wrapped, never cut), cost, priority and what it
 * needs, and an arrow, drawn over the boxes, from each prerequisite to what needs it. Text is XML-escaped,
 * numbers rounded: the same plan always gives the same bytes.
 *
 * @param plan - the output of `createPlan`
 * @param options - `messages`: the language (default English)
 * @returns a standalone SVG document
 */
export function renderPlanSvg(plan: Plan, options: PlanSvgOptions = {}): string {
  const messages = options.messages ?? en;
  const amount = (value: number): string => formatLocalNumber(value, messages);
  const byId = new Map(plan.initiatives.map((initiative) => [initiative.id, initiative]));
  const room = WIDTH - LABEL_WIDTH - PAD;
  // One column grid for every lane, so the gaps between columns line up and arrows can run down them.
  const perRow = Math.max(1, Math.floor((room + GAP) / (MIN_BOX_WIDTH + GAP)));
  const boxWidth = Math.min(MAX_BOX_WIDTH, (room - GAP * (perRow - 1)) / perRow);
  const centre = new Map<string, { x: number; right: number; top: number; bottom: number }>();
  const lanes: string[] = [];
  const boxes: string[] = [];
  let top = TITLE_HEIGHT;
  plan.waves.forEach((wave, w) => {
    const n = wave.initiatives.length;
    const inner = boxWidth - 16;
    const texts = wave.initiatives.map((id): BoxText => {
      const initiative = byId.get(id)!;
      const needs = initiative.dependsOn.map((other) => byId.get(other)?.name ?? other);
      return {
        id,
        name: wrapToWidth(initiative.name, inner, FONT.name, { bold: true }),
        detail: wrapToWidth(
          `${amount(initiative.cost)} · ${messages.plan.priorityShort(amount(initiative.priority))}`,
          inner,
          FONT.detail,
        ),
        needs:
          needs.length === 0 ? [] : wrapToWidth(messages.plan.needs(needs.join(", ")), inner, FONT.small),
        pilot: initiative.pilot,
      };
    });
    const heightOf = (text: BoxText): number =>
      14 + text.name.length * LINE.name + text.detail.length * LINE.detail + text.needs.length * LINE.small;
    const rows: BoxText[][] = [];
    for (let k = 0; k < n; k += perRow) rows.push(texts.slice(k, k + perRow));
    const kpiLines = wrapToWidth(
      wave.kpis.map((kpi) => messages.kpis[kpi]).join(", "),
      LABEL_WIDTH - 2 * PAD,
      FONT.small,
    ).filter((line) => line !== "");
    const labelHeight = 70 + kpiLines.length * LINE.small;
    let y = top + PAD;
    for (const row of rows) {
      const rowHeight = row.reduce((tallest, text) => Math.max(tallest, heightOf(text)), 0);
      row.forEach((text, k) => {
        const x = LABEL_WIDTH + k * (boxWidth + GAP);
        centre.set(text.id, { x: x + boxWidth / 2, right: x + boxWidth, top: y, bottom: y + rowHeight });
        let line = y + 20;
        boxes.push(
          `<g class="initiative" data-id="${escapeXml(text.id)}">`,
          `<rect x="${r(x)}" y="${r(y)}" width="${r(boxWidth)}" height="${r(rowHeight)}" rx="6" fill="#ffffff" stroke="${text.pilot ? COLOURS.pilot : COLOURS.box}" stroke-width="1.5"/>`,
        );
        textLines(
          boxes,
          text.name,
          x + 8,
          line,
          FONT.name,
          LINE.name,
          ` font-weight="600" fill="${COLOURS.text}"`,
        );
        line += text.name.length * LINE.name;
        textLines(boxes, text.detail, x + 8, line, FONT.detail, LINE.detail, ` fill="${COLOURS.detail}"`);
        line += text.detail.length * LINE.detail;
        textLines(boxes, text.needs, x + 8, line, FONT.small, LINE.small, ` fill="${COLOURS.muted}"`);
        boxes.push("</g>");
      });
      y += rowHeight + GAP;
    }
    const laneHeight = Math.max(labelHeight, y - top);
    const effort = wave.effort === null ? "" : ` · ${formatLocalNumber(wave.effort, messages, 1)} PM`;
    lanes.push(
      `<g class="lane" data-wave="${wave.number}">`,
      `<rect x="0" y="${r(top)}" width="${WIDTH}" height="${r(laneHeight)}" fill="${w % 2 === 0 ? "#f3f4f6" : "#ffffff"}"/>`,
      `<text x="${PAD}" y="${r(top + 30)}" font-size="${FONT.wave}" font-weight="600" fill="${COLOURS.text}">${escapeXml(waveLabel(wave, messages))}</text>`,
      `<text x="${PAD}" y="${r(top + 50)}" font-size="${FONT.detail}" fill="${COLOURS.muted}">${escapeXml(amount(wave.cost) + effort)}</text>`,
    );
    textLines(lanes, kpiLines, PAD, top + 68, FONT.small, LINE.small, ` fill="${COLOURS.muted}"`);
    lanes.push("</g>");
    top += laneHeight;
  });
  const links: string[] = [];
  for (const wave of plan.waves) {
    for (const id of wave.initiatives) {
      const to = centre.get(id)!;
      for (const prerequisite of byId.get(id)!.dependsOn) {
        const from = centre.get(prerequisite);
        if (from === undefined) continue;
        // Down into the gutter under the prerequisite, along it to the gap right of its column, down that
        // gap to the gutter over the target, along to the target: never across another box.
        const gapX = from.right + GAP / 2;
        const points = [
          [from.x, from.bottom],
          [from.x, from.bottom + GAP / 2],
          [gapX, from.bottom + GAP / 2],
          [gapX, to.top - GAP / 2],
          [to.x, to.top - GAP / 2],
          [to.x, to.top - 1],
        ];
        const path = `points="${points.map(([px, py]) => `${r(px!)},${r(py!)}`).join(" ")}"`;
        links.push(
          `<polyline ${path} fill="none" stroke="${COLOURS.link}" stroke-width="1.5" stroke-linejoin="round" marker-end="url(#plan-arrow)"/>`,
        );
      }
    }
  }
  const footer: string[] = [];
  if (plan.waves.length === 0) {
    footer.push(
      `<text x="${LABEL_WIDTH}" y="${r(top + 40)}" font-size="14" fill="${COLOURS.muted}">${escapeXml(messages.plan.nothingFits)}</text>`,
    );
    top += 60;
  } else if (links.length > 0) {
    footer.push(
      `<text x="${PAD}" y="${r(top + 20)}" font-size="${FONT.detail}" fill="${COLOURS.muted}">${escapeXml(messages.plan.dependencyNote)}</text>`,
    );
    top += 30;
  }
  const height = Math.ceil(top + PAD);
  const heading = messages.plan.roadmapTitle(
    plan.totals.initiatives,
    amount(plan.totals.cost),
    amount(plan.budget),
  );
  const description = messages.plan.roadmapDescription(
    plan.totals.initiatives,
    plan.waves.length,
    amount(plan.totals.cost),
    amount(plan.budget),
  );
  const headingSize = Math.min(
    FONT.title,
    (FONT.title * (WIDTH - 2 * PAD)) / estimateTextWidth(heading, FONT.title),
  );
  return `${[
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="DejaVu Sans, Verdana, system-ui, sans-serif" role="img" aria-labelledby="plan-title">`,
    `<title id="plan-title">${escapeXml(description)}</title>`,
    `<defs><marker id="plan-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${COLOURS.link}"/></marker></defs>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${PAD}" y="30" font-size="${r(headingSize)}" font-weight="600" fill="#1f2937">${escapeXml(heading)}</text>`,
    ...lanes,
    ...boxes,
    ...links,
    ...footer,
    "</svg>",
  ].join("\n")}\n`;
}
