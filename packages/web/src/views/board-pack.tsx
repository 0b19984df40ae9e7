import { useState } from "preact/hooks";
import type { Client } from "../api.js";
import { messages as m } from "../messages.js";
import { DownloadButton } from "./download-button.js";
import { portfolioPath } from "./load.js";

type Format = "pptx" | "pdf";

/**
 * The board pack of a revealed workshop (`GET /v1/portfolios/:id/report.pptx|.pdf`): format, language and,
 * for a PDF, paper size. The API refuses it while the workshop is blind, so the page shows it only after the
 * reveal.
 */
export function BoardPack(props: {
  readonly client: Client;
  readonly workshopId: string;
  readonly fileName: string;
  readonly onError: (message: string) => void;
}) {
  const [format, setFormat] = useState<Format>("pptx");
  const [lang, setLang] = useState("en");
  const [paper, setPaper] = useState("a4");
  const query = new URLSearchParams({ lang, ...(format === "pdf" ? { paper } : {}) });

  return (
    <fieldset class="stack board-pack">
      <legend>{m.boardPack.title}</legend>
      <p class="muted small">{m.boardPack.intro}</p>
      <div class="row" role="radiogroup" aria-label={m.boardPack.format}>
        {(["pptx", "pdf"] as const).map((value) => (
          <label key={value} class="inline">
            <input
              type="radio"
              name="board-pack-format"
              checked={format === value}
              onChange={() => setFormat(value)}
            />
            {m.boardPack[value]}
          </label>
        ))}
      </div>
      <div class="row">
        <label class="select">
          {m.boardPack.language}
          <select value={lang} onChange={(event) => setLang(event.currentTarget.value)}>
            {Object.entries(m.boardPack.languages).map(([code, name]) => (
              <option key={code} value={code} lang={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        {format === "pdf" && (
          <label class="select">
            {m.boardPack.paper}
            <select value={paper} onChange={(event) => setPaper(event.currentTarget.value)}>
              {Object.entries(m.boardPack.papers).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div class="row">
        <DownloadButton
          primary
          label={m.boardPack.download}
          busyLabel={m.boardPack.preparing}
          fileName={`${props.fileName}-board-pack-${lang}.${format}`}
          fetchFile={() =>
            props.client
              .send(portfolioPath(props.workshopId, `/report.${format}?${query}`))
              .then((response) => response.blob())
          }
          onError={props.onError}
        />
      </div>
    </fieldset>
  );
}
