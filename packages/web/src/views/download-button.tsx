import { useState } from "preact/hooks";

/**
 * Saves a file in the browser: a temporary object URL clicked through a link, released once the download
 * has started.
 *
 * @param name - the file name offered
 * @param blob - the contents, with their media type
 */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * A button that fetches a file and saves it: disabled while the file is on its way (a board pack takes a few
 * seconds), and a failure is handed to the page rather than lost.
 */
export function DownloadButton(props: {
  readonly label: string;
  readonly fileName: string;
  readonly fetchFile: () => Promise<Blob>;
  readonly onError: (message: string) => void;
  readonly busyLabel?: string;
  readonly primary?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      saveBlob(props.fileName, await props.fetchFile());
    } catch (problem) {
      props.onError(problem instanceof Error ? problem.message : String(problem));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        class={props.primary ? undefined : "secondary"}
        disabled={busy}
        onClick={() => void run()}
      >
        {props.label}
      </button>
      {busy && props.busyLabel !== undefined && (
        <span role="status" class="muted">
          {props.busyLabel}
        </span>
      )}
    </>
  );
}
