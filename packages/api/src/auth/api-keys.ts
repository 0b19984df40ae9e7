import * as v from "valibot";

/** What a key may do: `owner` everything in its tenant, `rater` read and write its own ratings, `viewer` read. */
export type Role = "owner" | "rater" | "viewer";

/** The caller behind a valid key. */
export interface Principal {
  readonly tenant: string;
  readonly role: Role;
  /** For `rater` keys: the only rater id whose ratings the key may write. */
  readonly rater?: string;
  /** For invite keys: the only portfolio the key opens. */
  readonly portfolio?: string;
}

/** One configured key: never the key itself, only its SHA-256. */
export interface ApiKeyEntry extends Principal {
  /** SHA-256 of the key, 64 hex digits. */
  readonly sha256: string;
}

const TenantSchema = v.pipe(
  v.string(),
  v.regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    "a tenant id of letters, digits, '.', '_' or '-' (at most 64)",
  ),
);
const HashSchema = v.pipe(
  v.string(),
  v.regex(/^[0-9a-fA-F]{64}$/, "a SHA-256 of 64 hex digits"),
  v.toLowerCase(),
);

const EntrySchema = v.variant("role", [
  v.strictObject({ sha256: HashSchema, tenant: TenantSchema, role: v.literal("owner") }),
  v.strictObject({ sha256: HashSchema, tenant: TenantSchema, role: v.literal("viewer") }),
  v.strictObject({
    sha256: HashSchema,
    tenant: TenantSchema,
    role: v.literal("rater"),
    rater: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120)),
  }),
]);

/**
 * Reads `CXPRISM_API_KEYS`: a JSON array of `{ "sha256", "tenant", "role" }` (plus `"rater"` for rater keys).
 * An unset or empty setting means no key is valid (there is no open mode).
 *
 * @param setting - the raw secret
 * @returns the entries
 * @throws Error naming every malformed entry
 * @example
 * parseApiKeys('[{"sha256":"9f86…","tenant":"acme","role":"owner"}]');
 */
export function parseApiKeys(setting: string | undefined): ApiKeyEntry[] {
  if (setting === undefined || setting.trim() === "") return [];
  let json: unknown;
  try {
    json = JSON.parse(setting);
  } catch {
    throw new Error("expected CXPRISM_API_KEYS to be a JSON array of keys, received text that is not JSON");
  }
  const parsed = v.safeParse(v.array(EntrySchema), json);
  if (!parsed.success)
    throw new Error(
      `expected CXPRISM_API_KEYS entries of { sha256, tenant, role[, rater] }: ${parsed.issues
        .map((issue) => `${v.getDotPath(issue) ?? "(root)"}: ${issue.message}`)
        .join("; ")}`,
    );
  return parsed.output;
}

function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * SHA-256 of a key as hex, with Web Crypto (Node 20 and Workers alike).
 *
 * @param key - the key
 * @returns 64 hex digits
 */
export async function sha256Hex(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Byte arrays of equal length compared without an early exit. */
function equalConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ (b[i] ?? 0);
  return difference === 0;
}

/** Checks bearer keys against the configured hashes. */
export interface ApiKeyring {
  /**
   * Finds the principal of a presented key. Hashes the key, then compares the digest with every configured
   * hash in full (no early exit, no lookup keyed by the secret), so timing tells nothing about the keys.
   *
   * @param key - the presented key
   * @returns the principal, or undefined for an unknown key
   */
  authenticate(key: string): Promise<Principal | undefined>;
}

/**
 * Builds a keyring from configured entries.
 *
 * @param entries - from {@link parseApiKeys}
 * @returns the keyring
 */
export function createApiKeyring(entries: readonly ApiKeyEntry[]): ApiKeyring {
  const hashes = entries.map((entry) => ({ bytes: hexToBytes(entry.sha256.toLowerCase()), entry }));
  return {
    async authenticate(key) {
      const digest = hexToBytes(await sha256Hex(key));
      let found: ApiKeyEntry | undefined;
      for (const { bytes, entry } of hashes)
        if (equalConstantTime(bytes, digest) && found === undefined) found = entry;
      if (found === undefined) return undefined;
      return found.role === "rater"
        ? { tenant: found.tenant, role: "rater", rater: found.rater! }
        : { tenant: found.tenant, role: found.role };
    },
  };
}

/**
 * Makes a new random API key (256 bits, base64url, prefixed `cxp_`).
 *
 * @returns the key
 */
export function generateApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `cxp_${btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")}`;
}
