import { defaultModel } from "@cxprism/core";
import { describe, expect, it } from "vitest";
import { createApp } from "../app.js";
import { problemOf } from "./fixtures.test-helpers.js";

const app = createApp({ limits: { maxBodyBytes: 8192 } });

/** A two-criterion model whose second criterion is matched by its label in the CSV. */
const MODEL = {
  id: "two-axes",
  name: "Two axes",
  criteria: [
    { id: "impact", label: "Impact", axis: "value", weight: 1, scale: { min: 1, max: 5 } },
    { id: "ease", label: "Ease of delivery", axis: "feasibility", weight: 1, scale: { min: 1, max: 5 } },
  ],
};

const CSV = "name,impact,Ease of delivery\nVoice bot,5,1\nAgent assist,4,5\n";

function form(parts: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(parts)) data.append(name, value);
  return data;
}

const post = (body: FormData | string, headers: Record<string, string> = {}) =>
  app.request("/v1/score", { method: "POST", body, headers });

describe("POST /v1/score with multipart/form-data (a CSV with a custom model)", () => {
  it("scores the csv part with the model part, columns matched by id or label", async () => {
    const response = await post(
      form({ csv: new Blob([CSV], { type: "text/csv" }), model: JSON.stringify(MODEL) }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      model: { id: string };
      results: { id: string; rank: number }[];
    };
    expect(body.model.id).toBe("two-axes");
    expect(body.results.map(({ id }) => id)).toEqual(["agent-assist", "voice-bot"]);
  });

  it("uses the default model without a model part", async () => {
    const csv = `name,${defaultModel.criteria.map((criterion) => criterion.id).join(",")}\nA,${defaultModel.criteria.map(() => 3).join(",")}\n`;
    const response = await post(form({ csv }));
    expect(((await response.json()) as { model: { id: string } }).model.id).toBe("cx-ai-prism");
  });

  it("answers 422 at the model part's pointer for a bad model", async () => {
    const bad = { ...MODEL, criteria: [{ ...MODEL.criteria[0], weight: -1 }, MODEL.criteria[1]] };
    const problem = await problemOf(await post(form({ csv: CSV, model: JSON.stringify(bad) })), 422);
    expect(problem.errors?.map((error) => error.pointer)).toContain("/model/criteria/0/weight");
  });

  it("answers 422 at the CSV row and column for a bad rating", async () => {
    const problem = await problemOf(
      await post(form({ csv: "name,impact,ease\nVoice bot,9,1\n", model: JSON.stringify(MODEL) })),
      422,
    );
    expect(problem.errors?.[0]).toMatchObject({ row: 2, column: 2 });
  });

  it.each([
    ["no csv part", 422, form({ model: JSON.stringify(MODEL) })],
    ["a model part that is not JSON", 400, form({ csv: CSV, model: "{" })],
  ])("answers %s with %i", async (_name, status, body) => {
    await problemOf(await post(body), status);
  });

  it("answers 400 for a multipart body without a boundary", async () => {
    await problemOf(await post("csv=1", { "Content-Type": "multipart/form-data" }), 400);
  });

  it("answers 413 past the body limit", async () => {
    // Sent as a chunked upload of the encoded form (no Content-Length), the way a browser streams a large
    // file. Not the FormData itself: undici's FormData stream throws an unhandled "already closed" when the
    // server cancels it part-way, which only happens in process, where client and server share one stream.
    const encoded = new Response(form({ csv: "x".repeat(100_000) }));
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    let offset = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.slice(offset, offset + 1024));
        offset += 1024;
      },
    });
    const response = await app.request("/v1/score", {
      method: "POST",
      body,
      duplex: "half",
      headers: { "Content-Type": encoded.headers.get("Content-Type") ?? "" },
    } as RequestInit);
    const problem = await problemOf(response, 413);
    expect(problem.limit).toBe(8192);
    expect(offset).toBeLessThan(bytes.length);
  });
});
