import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
// Every Markdown file git knows of (tracked, or new and not ignored): dependencies and builds stay out.
const markdownFiles = execFileSync(
  "git",
  ["ls-files", "--cached", "--others", "--exclude-standard", "*.md"],
  {
    cwd: root,
    encoding: "utf8",
  },
)
  .split("\n")
  .filter((file) => file !== "" && existsSync(join(root, file)));

/** The targets of inline links and images (`[text](target)`), outside code blocks and code spans. */
function linkTargets(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, "").replace(/`[^`\n]*`/g, "");
  return [...prose.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (match) => match[1]!,
  );
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const headings = markdown.replace(/```[\s\S]*?```/g, "").matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm);
  return new Set(
    [...headings].map((match) =>
      match[1]!
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, "")
        .replace(/\s/g, "-"),
    ),
  );
}

describe("Markdown links", () => {
  it("finds the Markdown files", () => {
    expect(markdownFiles).toEqual(expect.arrayContaining(["README.md", "docs/README.md"]));
  });

  it.each(markdownFiles)("%s: every relative link resolves inside the repository", (file) => {
    const markdown = readFileSync(join(root, file), "utf8");
    const broken: string[] = [];
    for (const target of linkTargets(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const [path = "", anchor] = target.split("#");
      const resolved = path === "" ? join(root, file) : join(root, dirname(file), decodeURI(path));
      if (!resolved.startsWith(root) || !existsSync(resolved)) broken.push(`${target}: no such file`);
      else if (
        anchor !== undefined &&
        resolved.endsWith(".md") &&
        !anchors(readFileSync(resolved, "utf8")).has(anchor)
      )
        broken.push(`${target}: no heading with that anchor`);
    }
    expect(broken).toEqual([]);
  });

  // A package's README is published in its tarball without the rest of the repository.
  it.each(markdownFiles.filter((file) => /^packages\/[^/]+\/README\.md$/.test(file)))(
    "%s: no relative link leaves the package it is published in",
    (file) => {
      const markdown = readFileSync(join(root, file), "utf8");
      const outside = linkTargets(markdown).filter(
        (target) =>
          !/^[a-z][a-z0-9+.-]*:/i.test(target) &&
          !target.startsWith("#") &&
          !join(root, dirname(file), target).startsWith(join(root, dirname(file))),
      );
      expect(outside).toEqual([]);
    },
  );

  it.each(markdownFiles)("%s: no link leaves the repository through a relative path", (file) => {
    const markdown = readFileSync(join(root, file), "utf8");
    const outside = linkTargets(markdown).filter(
      (target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !join(root, dirname(file), target).startsWith(root),
    );
    expect(outside).toEqual([]);
  });
});
