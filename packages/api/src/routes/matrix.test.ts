import { catalogInitiatives } from "@cxprism/core";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";

const INITIATIVES = catalogInitiatives()
  .slice(0, 6)
  .map(({ dependsOn: _dependsOn, ...initiative }, k) => ({ ...initiative, cost: 100 + 50 * k }));
const BODY = JSON.stringify({ initiatives: INITIATIVES });

/** A stand-in renderer: records what it was given and returns recognisable bytes. */
function recordingRenderer() {
  const calls: { svg: string; scale: number }[] = [];
  const renderPng = (svg: string, scale: number) => {
    calls.push({ svg, scale });
    return new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  };
  return { calls, renderPng };
}

const withoutPng = createApp();

const post = (
  target: ReturnType<typeof createApp>,
  query = "",
  headers: Record<string, string> = {},
  body = BODY,
) =>
  target.request(`/v1/matrix${query}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
  });

async function problemOf(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  return (await response.json()) as {
    detail: string;
    errors?: { pointer?: string; field?: string; row?: number; detail: string }[];
  };
}

describe("POST /v1/matrix", () => {
  it("answers SVG by default, sized by cost, with the query's theme, size and title", async () => {
    const response = await post(withoutPng, "?theme=dark&width=800&height=600&title=Board%20%26%20CX");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(response.headers.get("Vary")).toBe("Accept");
    const svg = await response.text();
    expect(svg).toMatch(/^<svg [^>]*width="800" height="600"/);
    expect(svg).toContain("Board &amp; CX");
    expect(svg).toContain(INITIATIVES[0]!.name);
    // Sized by cost: the legend names the size field.
    expect(svg).toContain("Cost");
  });

  it("draws the same picture from a CSV body", async () => {
    const header = Object.keys(INITIATIVES[0]!.ratings!);
    const csv = [
      ["name", ...header].join(","),
      ...INITIATIVES.map((i) =>
        [i.name, ...header.map((id) => String((i.ratings as Record<string, unknown>)[id]))].join(","),
      ),
    ].join("\n");
    const response = await post(withoutPng, "", { "Content-Type": "text/csv" }, csv);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(INITIATIVES[5]!.name);
  });

  it("answers a Vega-Lite v5 specification when asked", async () => {
    const response = await post(withoutPng, "", { Accept: "application/vnd.vegalite.v5+json" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.vegalite.v5+json");
    const spec = (await response.json()) as { $schema: string };
    expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
    expect(JSON.stringify(spec)).toContain(INITIATIVES[2]!.name);
  });

  it("answers PNG through the injected renderer, passing the SVG and the scale", async () => {
    const { calls, renderPng } = recordingRenderer();
    const response = await post(createApp({ renderPng }), "?scale=2&width=640", { Accept: "image/png" });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.scale).toBe(2);
    expect(calls[0]!.svg).toMatch(/^<svg [^>]*width="640"/);
  });

  it("answers 406 for PNG without a renderer, naming what it can produce", async () => {
    const problem = await problemOf(await post(withoutPng, "", { Accept: "image/png" }), 406);
    expect(problem.detail).toBe(
      'expected an Accept header that allows one of image/svg+xml, application/vnd.vegalite.v5+json, received "image/png"',
    );
  });

  it("answers 422 for a PNG over MAX_PNG_PIXELS before rendering, naming the limit", async () => {
    const problem = await problemOf(
      await post(
        createApp({ renderPng: recordingRenderer().renderPng }),
        "?width=10000&height=10000&scale=2",
        {
          Accept: "image/png",
        },
      ),
      422,
    );
    expect(problem.detail).toBe(
      "expected a PNG of at most 16,000,000 pixels (width x height x scale²), received 10000 x 10000 x 2² = 400,000,000: lower the scale or the size",
    );
    expect((problem as { limit?: number }).limit).toBe(16_000_000);
  });

  it("answers 422 listing every bad query parameter by name", async () => {
    const problem = await problemOf(await post(withoutPng, "?theme=pink&width=12&height=tall&scale=9"), 422);
    expect(problem.errors).toEqual([
      {
        field: "theme",
        detail: 'expected one of "light", "dark" for the query parameter theme, received "pink"',
      },
      {
        field: "width",
        detail: 'expected a whole number from 480 to 10000 for the query parameter width, received "12"',
      },
      {
        field: "height",
        detail: 'expected a whole number from 400 to 10000 for the query parameter height, received "tall"',
      },
      {
        field: "scale",
        detail: 'expected a whole number from 1 to 4 for the query parameter scale, received "9"',
      },
    ]);
  });

  it("answers 422 for a title over 200 characters", async () => {
    const problem = await problemOf(await post(withoutPng, `?title=${"x".repeat(201)}`), 422);
    expect(problem.errors?.[0]?.field).toBe("title");
  });

  it("answers 422 with pointers for a bad scoring body", async () => {
    const body = JSON.stringify({ initiatives: [{ name: "A", ratings: { data_readines: 3 } }] });
    const problem = await problemOf(await post(withoutPng, "", {}, body), 422);
    expect(problem.errors?.map((error) => error.pointer)).toContain("/initiatives/0/ratings/data_readines");
  });

  it.each([
    ["not JSON", 400, "{", "application/json"],
    ["plain text", 415, "hello", "text/plain"],
    [
      "a body over the limit",
      413,
      JSON.stringify({ initiatives: [], pad: "x".repeat(70_000) }),
      "application/json",
    ],
  ])("answers %s with %i", async (_name, status, body, type) => {
    const small = createApp({ limits: { maxBodyBytes: 64 * 1024 } });
    await problemOf(await post(small, "", { "Content-Type": type }, body), status);
  });
});
