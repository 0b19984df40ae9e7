import {
  type AttributeValue,
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateItemCommand,
  type WriteRequest,
} from "@aws-sdk/client-dynamodb";
import type { ModelInput } from "@cxprism/core";
import { batchWriteAll } from "./batch-write.js";
import { TTL_ATTRIBUTE } from "./dynamodb-client.js";
import { guardStore } from "./dynamodb-errors.js";
import {
  decodeCursor,
  encodeCursor,
  INITIATIVE_PREFIX,
  INVITE_PREFIX,
  idempotencyPartPrefix,
  idempotencySortKey,
  initiativeSortKey,
  inviteHashKey,
  PORTFOLIO_PREFIX,
  portfolioPartition,
  portfolioSortKey,
  RATING_PREFIX,
  ratingSortKey,
  ratingsOfInitiativePrefix,
  SWEEP_PARTITION,
  tenantKey,
} from "./dynamodb-keys.js";
import {
  type BatchOutcome,
  type IdempotencyClaim,
  type IdempotentResponse,
  type ImportEntry,
  type InitiativeData,
  type InitiativeRecord,
  type Page,
  type PortfolioContents,
  type PortfolioFields,
  type PortfolioRecord,
  type PortfolioStore,
  type RatingKey,
  type RatingRecord,
  StoreError,
} from "./portfolio-store.js";
import {
  ABORTING_IMPORTS,
  hiddenImports,
  IMPORT_ID,
  PENDING_IMPORTS,
  PREVIOUS,
  previousOf,
  REMOVED,
  visibleRows,
} from "./visible-rows.js";
import { INVITE_AFTER_DELETE_SECONDS } from "./workshop-store.js";
import { ITEMS_PER_STRETCH, mapInStretches, yieldToEventLoop } from "./yield-to-event-loop.js";

type Item = Record<string, AttributeValue>;

/** Items per Query page when a portfolio's contents are read: one stretch of conversion each. */
const CONTENTS_PAGE_ITEMS = ITEMS_PER_STRETCH;
/** Options of {@link DynamoDbPortfolioStore}. */
export interface DynamoDbStoreOptions {
  /** The table (created by `db:create` or {@link createPortfolioTable}). */
  readonly table: string;
  /** Batch retry delays; tests shorten them. */
  readonly batchBaseDelayMs?: number;
  /**
   * How long an atomic write (an import, an initiative added with its ratings, a rating batch) or a delete
   * may run before the sweep treats it as dead and finishes it (default 900 s, far above the time a
   * 5,000-row import takes); tests shorten it.
   */
  readonly importLeaseSeconds?: number | undefined;
}

/**
 * The tombstone of a delete under way, on the portfolio item. The attributes of atomic writes are in
 * visible-rows.ts (docs/storage-consistency.md).
 */
const DELETING_AT = "deletingAt";
/** How long a sweep entry outlives its lease at most, should no sweep ever run (TTL removes it then). */
const SWEEP_ENTRY_DAYS = 30;
/** On the portfolio item: how many atomic writes have begun, so a reader can tell whether one began meanwhile. */
const WRITES_BEGUN = "writesBegun";
/** Reads of a portfolio's contents before one during which an atomic write began is used as it is. */
const READ_ATTEMPTS = 3;
/** Parallel single-item writes when rows are rolled back or removed one by one. */
const PARALLEL_WRITES = 25;

/** A stored answer larger than this (UTF-8 bytes) is kept in parts, as one item holds at most 400 KB. */
const INLINE_ANSWER_BYTES = 256 * 1024;
/** Characters per part of a large answer: at most 3 bytes each in UTF-8, so a part stays under 400 KB. */
const ANSWER_PART_CHARS = 100_000;

const S = (value: string): AttributeValue => ({ S: value });
const N = (value: number): AttributeValue => ({ N: String(value) });
const str = (item: Item, name: string): string => item[name]?.S ?? "";
const num = (item: Item, name: string): number => Number(item[name]?.N ?? "0");

function portfolioFrom(item: Item): PortfolioRecord {
  return {
    id: str(item, "id"),
    name: str(item, "name"),
    description: str(item, "description"),
    model: JSON.parse(str(item, "model")) as ModelInput,
    version: num(item, "version"),
    revision: num(item, "revision"),
    createdAt: str(item, "createdAt"),
    updatedAt: str(item, "updatedAt"),
  };
}

function initiativeFrom(item: Item): InitiativeRecord {
  return {
    data: JSON.parse(str(item, "data")) as InitiativeData,
    version: num(item, "version"),
    updatedAt: str(item, "updatedAt"),
  };
}

function ratingFrom(item: Item): RatingRecord {
  const comment = item.comment?.S;
  return {
    initiativeId: str(item, "initiativeId"),
    rater: str(item, "rater"),
    weight: num(item, "weight"),
    ratings: JSON.parse(str(item, "ratings")) as RatingRecord["ratings"],
    ...(comment === undefined ? {} : { comment }),
    updatedAt: str(item, "updatedAt"),
  };
}

/** The fields every idempotency record has. */
function idempotencyItem(
  tenant: string,
  key: string,
  state: string,
  fingerprint: string,
  owner: string,
): Item {
  return {
    pk: S(tenantKey(tenant)),
    sk: S(idempotencySortKey(key)),
    kind: S("idempotency"),
    state: S(state),
    fingerprint: S(fingerprint),
    owner: S(owner),
  };
}

/** When an import id's lease ends, in seconds since the epoch (ids are `<deadline>.<uuid>`). */
const importDeadline = (importId: string): number => Number(importId.split(".")[0]);

/** Splits text into parts of at most `size` characters, never between the two halves of a surrogate pair. */
function splitText(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new RangeError(`expected a page limit from 1 to 100, received ${limit}`);
}

/**
 * The DynamoDB implementation of {@link PortfolioStore}. Uses only GetItem, PutItem, DeleteItem, Query,
 * BatchGetItem and BatchWriteItem (no Scan, no transactions), so it runs on DynamoDB, DynamoDB Local and
 * dynalite alike.
 *
 * @example
 * const store = new DynamoDbPortfolioStore(createDynamoDbClient({ endpoint, region }), { table: "cxprism" });
 */
export class DynamoDbPortfolioStore implements PortfolioStore {
  readonly #client: DynamoDBClient;
  readonly #table: string;
  readonly #batchBaseDelayMs: number | undefined;
  readonly #importLeaseSeconds: number;

  /**
   * @param client - a DynamoDB client (see `createDynamoDbClient`)
   * @param options - the table name
   */
  constructor(client: DynamoDBClient, options: DynamoDbStoreOptions) {
    this.#client = client;
    this.#table = options.table;
    this.#batchBaseDelayMs = options.batchBaseDelayMs;
    this.#importLeaseSeconds = options.importLeaseSeconds ?? 900;
  }

  #batch(requests: readonly WriteRequest[]): Promise<Set<number>> {
    return batchWriteAll(
      this.#client,
      this.#table,
      requests,
      this.#batchBaseDelayMs === undefined ? {} : { baseDelayMs: this.#batchBaseDelayMs },
    );
  }

  async #get(pk: string, sk: string): Promise<Item | undefined> {
    const answer = await this.#client.send(
      new GetItemCommand({ TableName: this.#table, Key: { pk: S(pk), sk: S(sk) }, ConsistentRead: true }),
    );
    return answer.Item;
  }

  /** One Query page; the caller pages on with `ExclusiveStartKey`. */
  async #queryPage(input: Omit<QueryCommandInput, "TableName">) {
    return this.#client.send(new QueryCommand({ TableName: this.#table, ConsistentRead: true, ...input }));
  }

  async #page(
    pk: string,
    prefix: string,
    limit: number,
    cursor: string | undefined,
    filter?: string,
  ): Promise<Page<Item>> {
    checkLimit(limit);
    const after = cursor === undefined ? undefined : decodeCursor(cursor, prefix);
    if (cursor !== undefined && after === undefined)
      throw new StoreError("invalid-cursor", "expected a cursor from the previous page of this listing");
    const answer = await this.#queryPage({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": S(pk), ":prefix": S(prefix) },
      Limit: limit,
      ...(filter === undefined ? {} : { FilterExpression: filter }),
      ...(after === undefined ? {} : { ExclusiveStartKey: { pk: S(pk), sk: S(after) } }),
    });
    const items = answer.Items ?? [];
    const last = answer.LastEvaluatedKey?.sk?.S;
    return last === undefined ? { items } : { items, cursor: encodeCursor(last) };
  }

  /** Every item a Query finds, one call per 1 MB page. */
  async #queryAll(input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const answer = await this.#queryPage({
        ...input,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      });
      for (const item of answer.Items ?? []) items.push(item);
      start = answer.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }

  /** Every key of a partition under a prefix (with `extra` attributes), paging through. */
  #keys(pk: string, prefix: string, extra?: string): Promise<Item[]> {
    // DynamoDB refuses an empty string in a key condition, so "everything" has no begins_with.
    return this.#queryAll({
      ...(prefix === ""
        ? { KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": S(pk) } }
        : {
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues: { ":pk": S(pk), ":prefix": S(prefix) },
          }),
      ProjectionExpression: extra === undefined ? "pk, sk" : `pk, sk, ${extra}`,
    });
  }

  /** Marks invite keys of a deleted portfolio, with an expiry for the store's TTL to remove them. */
  async #markInvitesDeleted(keys: readonly Item[], deletedAt: string): Promise<void> {
    const expiresAt = N(Math.floor(Date.now() / 1000) + INVITE_AFTER_DELETE_SECONDS);
    for (const Key of keys)
      await this.#client
        .send(
          new UpdateItemCommand({
            TableName: this.#table,
            Key,
            UpdateExpression: `SET portfolioDeletedAt = if_not_exists(portfolioDeletedAt, :deletedAt), ${TTL_ATTRIBUTE} = :expires`,
            ConditionExpression: "attribute_exists(pk)",
            ExpressionAttributeValues: { ":deletedAt": S(deletedAt), ":expires": expiresAt },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
  }

  async #deleteKeys(keys: readonly Item[]): Promise<void> {
    const failed = await this.#batch(keys.map((Key) => ({ DeleteRequest: { Key } })));
    if (failed.size > 0)
      throw new StoreError(
        "unavailable",
        `the store left ${failed.size} deletion(s) unprocessed after retries`,
      );
  }

  /** Writes a new item; `already-exists` when its key is taken. */
  async #putNew(item: Item, what: string): Promise<void> {
    try {
      await this.#client.send(
        new PutItemCommand({
          TableName: this.#table,
          Item: item,
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new StoreError("already-exists", `${what} already exists`);
      throw error;
    }
  }

  /** Replaces an item still at `expectedVersion`; otherwise `not-found` or `version-conflict` (see #conflict). */
  async #putAtVersion(item: Item, expectedVersion: number, what: string): Promise<void> {
    try {
      await this.#client.send(
        new PutItemCommand({
          TableName: this.#table,
          Item: item,
          ConditionExpression: "attribute_exists(pk) AND version = :expected",
          ExpressionAttributeValues: { ":expected": N(expectedVersion) },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        return this.#conflict(str(item, "pk"), str(item, "sk"), what);
      throw error;
    }
  }

  /** After a failed condition: a version conflict, or not-found when the item is gone (or being deleted). */
  async #conflict(pk: string, sk: string, what: string): Promise<never> {
    const current = await this.#get(pk, sk);
    if (current === undefined || current[DELETING_AT] !== undefined)
      throw new StoreError("not-found", `${what} does not exist`);
    const version = num(current, "version");
    throw new StoreError("version-conflict", `${what} is at version ${version}`, version);
  }

  /**
   * Grows a portfolio's revision after a write to its contents, so results cached for the previous revision
   * are not served again. Runs after the write (in `finally`, since a batch may land in part before it
   * fails): a reader that sees the new revision then reads the new contents. A portfolio deleted meanwhile is
   * left alone.
   */
  async #touch(tenant: string, portfolioId: string): Promise<void> {
    try {
      await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#table,
          Key: { pk: S(tenantKey(tenant)), sk: S(portfolioSortKey(portfolioId)) },
          UpdateExpression: "ADD #revision :one",
          ConditionExpression: "attribute_exists(pk)",
          ExpressionAttributeNames: { "#revision": "revision" },
          ExpressionAttributeValues: { ":one": N(1) },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Per portfolio: the touch under way and the one queued to start after it (see #touchAfterWrite). */
  readonly #touches = new Map<
    string,
    { running?: Promise<void> | undefined; queued?: Promise<void> | undefined }
  >();

  /**
   * Resolves once a touch that started after this call has finished. Writes that finish while a touch runs
   * share the one queued behind it, so 50 raters writing at once cost a few touches of the portfolio item,
   * not one each, and none of them reads stale results afterwards.
   */
  #touchAfterWrite(tenant: string, portfolioId: string): Promise<void> {
    const key = portfolioPartition(tenant, portfolioId);
    const state = this.#touches.get(key) ?? {};
    this.#touches.set(key, state);
    if (state.queued !== undefined) return state.queued;
    const queued = (state.running ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        state.queued = undefined; // started: a write finishing from now on needs the next touch
        const running = this.#touch(tenant, portfolioId);
        state.running = running;
        return running.finally(() => {
          if (state.running !== running) return;
          state.running = undefined;
          if (state.queued === undefined) this.#touches.delete(key);
        });
      });
    state.queued = queued;
    return queued;
  }

  /** Runs a write to a portfolio's contents (as {@link guardStore} does), then grows its revision. */
  #changing<T>(tenant: string, portfolioId: string, write: () => Promise<T>): Promise<T> {
    return guardStore(async () => {
      try {
        return await write();
      } finally {
        await this.#touchAfterWrite(tenant, portfolioId);
      }
    });
  }

  /** The portfolio item; not-found when absent or being deleted (its tombstone is written first). */
  async #requirePortfolio(tenant: string, id: string): Promise<Item> {
    const item = await this.#get(tenantKey(tenant), portfolioSortKey(id));
    if (item === undefined || item[DELETING_AT] !== undefined)
      throw new StoreError("not-found", `portfolio ${id} does not exist`);
    return item;
  }

  /**
   * What readers see of these rows (see visibleRows), given the portfolio item read before them, if any;
   * reads it again after them only when a row needs it. `settled` is false when an atomic write began while
   * the rows were read: some of its rows may then have been read and others not, so the caller reads again.
   */
  async #visibleSince(
    tenant: string,
    portfolioId: string,
    items: readonly Item[],
    before?: Item,
  ): Promise<{ rows: Item[]; settled: boolean }> {
    if (!items.some((item) => item[IMPORT_ID] !== undefined)) return { rows: [...items], settled: true };
    const after = await this.#requirePortfolio(tenant, portfolioId);
    return {
      rows: visibleRows(items, after, before),
      settled: before === undefined || num(after, WRITES_BEGUN) === num(before, WRITES_BEGUN),
    };
  }

  async #visible(
    tenant: string,
    portfolioId: string,
    items: readonly Item[],
    before?: Item,
  ): Promise<Item[]> {
    return (await this.#visibleSince(tenant, portfolioId, items, before)).rows;
  }

  #portfolioKey(tenant: string, id: string): Item {
    return { pk: S(tenantKey(tenant)), sk: S(portfolioSortKey(id)) };
  }

  /** An UpdateItem of the portfolio item; false when its condition failed. */
  async #updatePortfolioItem(
    tenant: string,
    id: string,
    update: string,
    condition: string,
    values: Record<string, AttributeValue>,
    names?: Record<string, string>,
  ): Promise<boolean> {
    try {
      await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#table,
          Key: this.#portfolioKey(tenant, id),
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
          ...(names === undefined ? {} : { ExpressionAttributeNames: names }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Runs one conditional single-item write per item, PARALLEL_WRITES at a time; a failed condition is skipped. */
  async #eachConditional(items: readonly Item[], send: (item: Item) => Promise<unknown>): Promise<void> {
    for (let at = 0; at < items.length; at += PARALLEL_WRITES)
      await Promise.all(
        items.slice(at, at + PARALLEL_WRITES).map((item) =>
          send(item).catch((error: unknown) => {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          }),
        ),
      );
  }

  /**
   * Rolls an atomic write back: its id moves from the pending to the aborting set (its rows stay hidden),
   * each of its rows still carrying its id is put back to the row it replaced or deleted, then the id is
   * forgotten. `written` are the rows the write may have stored, when the caller knows them; otherwise one
   * Query of the partition finds them. Safe to run twice at once and to resume after a crash (a sweep finds
   * the id still aborting).
   */
  async #abortImport(
    tenant: string,
    portfolioId: string,
    importId: string,
    written?: readonly Item[],
  ): Promise<void> {
    const id = { SS: [importId] };
    await this.#updatePortfolioItem(
      tenant,
      portfolioId,
      `DELETE ${PENDING_IMPORTS} :id ADD ${ABORTING_IMPORTS} :id`,
      `contains(${PENDING_IMPORTS}, :one)`,
      { ":id": id, ":one": S(importId) },
    );
    const rows =
      written ??
      (await this.#queryAll({
        KeyConditionExpression: "pk = :pk",
        FilterExpression: `${IMPORT_ID} = :id`,
        ExpressionAttributeValues: { ":pk": S(portfolioPartition(tenant, portfolioId)), ":id": S(importId) },
        ProjectionExpression: `pk, sk, #previous`,
        ExpressionAttributeNames: { "#previous": PREVIOUS },
      }));
    const onlyOurs = {
      ConditionExpression: `${IMPORT_ID} = :id`,
      ExpressionAttributeValues: { ":id": S(importId) },
    };
    await this.#eachConditional(rows, (row) => {
      const previous = row[PREVIOUS]?.M;
      const Key = { pk: row.pk!, sk: row.sk! };
      return previous === undefined
        ? this.#client.send(new DeleteItemCommand({ TableName: this.#table, Key, ...onlyOurs }))
        : this.#client.send(
            new PutItemCommand({ TableName: this.#table, Item: { ...previous, ...Key }, ...onlyOurs }),
          );
    });
    await this.#updatePortfolioItem(
      tenant,
      portfolioId,
      `DELETE ${ABORTING_IMPORTS} :id`,
      "attribute_exists(pk)",
      {
        ":id": id,
      },
    );
  }

  /** Rolls back the writes whose lease ended (their process died) and any rollback cut short. */
  async #sweepImports(tenant: string, portfolioId: string, portfolio: Item): Promise<void> {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const dead = [
      ...(portfolio[PENDING_IMPORTS]?.SS ?? []).filter((id) => importDeadline(id) < nowSeconds),
      ...(portfolio[ABORTING_IMPORTS]?.SS ?? []),
    ];
    for (const importId of dead) await this.#abortImport(tenant, portfolioId, importId);
  }

  /** A new write id, `<deadline>.<uuid>`: the deadline (seconds since the epoch) ends its lease. */
  #newWriteId(): string {
    return `${Math.floor(Date.now() / 1000) + this.#importLeaseSeconds}.${crypto.randomUUID()}`;
  }

  /**
   * Notes a write or delete under way for the background sweep, before it writes anything: should its
   * process die, `sweep` finds the entry once the lease in its id has ended.
   */
  async #addSweepEntry(
    writeId: string,
    tenant: string,
    portfolioId: string,
    kind: "write" | "delete",
  ): Promise<void> {
    await this.#client.send(
      new PutItemCommand({
        TableName: this.#table,
        Item: {
          pk: S(SWEEP_PARTITION),
          sk: S(writeId),
          kind: S(`sweep-${kind}`),
          tenant: S(tenant),
          portfolioId: S(portfolioId),
          [TTL_ATTRIBUTE]: N(importDeadline(writeId) + SWEEP_ENTRY_DAYS * 86_400),
        },
      }),
    );
  }

  /** Forgets a sweep entry once its write has shown or rolled back; a failure only leaves work for the sweep. */
  async #removeSweepEntry(writeId: string): Promise<void> {
    await this.#client
      .send(
        new DeleteItemCommand({
          TableName: this.#table,
          Key: { pk: S(SWEEP_PARTITION), sk: S(writeId) },
        }),
      )
      .catch(() => undefined);
  }

  /**
   * Runs a write whose rows readers see all at once or not at all: its id is noted for the sweep and added
   * to the portfolio's pending set (refused when the portfolio is gone or being deleted), `write` stores
   * rows carrying that id and says which, and one conditional update removes the id from the pending set and
   * grows the revision, which shows them all. When anything fails the write rolls back; when the process
   * dies, the sweep rolls it back once its lease has ended.
   *
   * @param write - gets the write id, the portfolio item as the id was added (so its hidden sets were read
   *   after any row the caller read before) and `willWrite`, to name the rows it is about to store so that a
   *   rollback need not search the partition for them
   */
  async #atomically<T>(
    tenant: string,
    portfolioId: string,
    write: (writeId: string, portfolio: Item, willWrite: (rows: readonly Item[]) => void) => Promise<T>,
  ): Promise<T> {
    const writeId = this.#newWriteId();
    const [noted, started] = await Promise.allSettled([
      this.#addSweepEntry(writeId, tenant, portfolioId, "write"),
      this.#client.send(
        new UpdateItemCommand({
          TableName: this.#table,
          Key: this.#portfolioKey(tenant, portfolioId),
          UpdateExpression: `ADD ${PENDING_IMPORTS} :id, ${WRITES_BEGUN} :one`,
          ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(${DELETING_AT})`,
          ExpressionAttributeValues: { ":id": { SS: [writeId] }, ":one": N(1) },
          ReturnValues: "ALL_NEW",
        }),
      ),
    ]);
    if (started.status === "rejected") {
      if (noted.status === "fulfilled") await this.#removeSweepEntry(writeId);
      if (started.reason instanceof ConditionalCheckFailedException)
        throw new StoreError("not-found", `portfolio ${portfolioId} does not exist`);
      throw started.reason;
    }
    let written: Item[] | undefined;
    const willWrite = (rows: readonly Item[]) => {
      written ??= [];
      for (const row of rows) written.push(row);
    };
    try {
      if (noted.status === "rejected") throw noted.reason;
      const result = await write(writeId, started.value.Attributes ?? {}, willWrite);
      const shown = await this.#updatePortfolioItem(
        tenant,
        portfolioId,
        `DELETE ${PENDING_IMPORTS} :id ADD #revision :one`,
        `contains(${PENDING_IMPORTS}, :pending)`,
        { ":id": { SS: [writeId] }, ":pending": S(writeId), ":one": N(1) },
        { "#revision": "revision" },
      );
      if (!shown)
        throw new StoreError(
          "unavailable",
          `the write outlasted its lease of ${this.#importLeaseSeconds} s and was rolled back`,
        );
      await this.#removeSweepEntry(writeId);
      return result;
    } catch (error) {
      await this.#abortImport(tenant, portfolioId, writeId, written)
        .then(() => this.#removeSweepEntry(writeId))
        .catch(() => undefined);
      throw error;
    }
  }

  #portfolioItem(
    tenant: string,
    id: string,
    fields: PortfolioFields,
    version: number,
    revision: number,
    createdAt: string,
    now: string,
  ) {
    return {
      pk: S(tenantKey(tenant)),
      sk: S(portfolioSortKey(id)),
      kind: S("portfolio"),
      id: S(id),
      name: S(fields.name),
      description: S(fields.description),
      model: S(JSON.stringify(fields.model)),
      version: N(version),
      revision: N(revision),
      createdAt: S(createdAt),
      updatedAt: S(now),
    };
  }

  #initiativeItem(tenant: string, portfolioId: string, data: InitiativeData, version: number, now: string) {
    return {
      pk: S(portfolioPartition(tenant, portfolioId)),
      sk: S(initiativeSortKey(data.id)),
      kind: S("initiative"),
      data: S(JSON.stringify(data)),
      version: N(version),
      updatedAt: S(now),
    };
  }

  #ratingItem(pk: string, rating: RatingRecord): Item {
    return {
      pk: S(pk),
      sk: S(ratingSortKey(rating.initiativeId, rating.rater)),
      kind: S("rating"),
      initiativeId: S(rating.initiativeId),
      rater: S(rating.rater),
      weight: N(rating.weight),
      ratings: S(JSON.stringify(rating.ratings)),
      ...(rating.comment ? { comment: S(rating.comment) } : {}),
      updatedAt: S(rating.updatedAt),
    };
  }

  createPortfolio(
    tenant: string,
    id: string,
    fields: PortfolioFields,
    now: string,
  ): Promise<PortfolioRecord> {
    return guardStore(async () => {
      const item = this.#portfolioItem(tenant, id, fields, 1, 1, now, now);
      await this.#putNew(item, `portfolio ${id}`);
      return portfolioFrom(item);
    });
  }

  getPortfolio(tenant: string, id: string): Promise<PortfolioRecord> {
    return guardStore(async () => portfolioFrom(await this.#requirePortfolio(tenant, id)));
  }

  listPortfolios(tenant: string, limit: number, cursor?: string): Promise<Page<PortfolioRecord>> {
    return guardStore(async () => {
      const page = await this.#page(
        tenantKey(tenant),
        PORTFOLIO_PREFIX,
        limit,
        cursor,
        `attribute_not_exists(${DELETING_AT})`,
      );
      return { ...page, items: page.items.map(portfolioFrom) };
    });
  }

  updatePortfolio(
    tenant: string,
    id: string,
    fields: PortfolioFields,
    expectedVersion: number,
    now: string,
  ): Promise<PortfolioRecord> {
    return guardStore(async () => {
      // An update in place: the item's import and delete markers stay as they are.
      try {
        const answer = await this.#client.send(
          new UpdateItemCommand({
            TableName: this.#table,
            Key: this.#portfolioKey(tenant, id),
            UpdateExpression:
              "SET #name = :name, #description = :description, #model = :model, #version = :next, #updatedAt = :now ADD #revision :one",
            ConditionExpression: `attribute_exists(pk) AND attribute_not_exists(${DELETING_AT}) AND #version = :expected`,
            ExpressionAttributeNames: {
              "#name": "name",
              "#description": "description",
              "#model": "model",
              "#version": "version",
              "#updatedAt": "updatedAt",
              "#revision": "revision",
            },
            ExpressionAttributeValues: {
              ":name": S(fields.name),
              ":description": S(fields.description),
              ":model": S(JSON.stringify(fields.model)),
              ":next": N(expectedVersion + 1),
              ":now": S(now),
              ":one": N(1),
              ":expected": N(expectedVersion),
            },
            ReturnValues: "ALL_NEW",
          }),
        );
        return portfolioFrom(answer.Attributes ?? {});
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          return this.#conflict(tenantKey(tenant), portfolioSortKey(id), `portfolio ${id}`);
        throw error;
      }
    });
  }

  /**
   * Deletes in three steps, each safe to repeat: a tombstone on the portfolio item (from then on every read
   * answers not found), its contents and invite keys, then the tombstone. A delete cut short (the process
   * died) is finished by the next DELETE of the same portfolio, which then succeeds whatever its version, or
   * by the sweep once the delete's lease has ended (a sweep entry is written before the tombstone).
   */
  deletePortfolio(tenant: string, id: string, expectedVersion?: number): Promise<void> {
    return guardStore(async () => {
      const current = await this.#get(tenantKey(tenant), portfolioSortKey(id));
      if (current === undefined) throw new StoreError("not-found", `portfolio ${id} does not exist`);
      const deleteId = this.#newWriteId();
      // Left behind when the delete fails or dies after its tombstone: the sweep then finishes it.
      await this.#addSweepEntry(deleteId, tenant, id, "delete");
      if (current[DELETING_AT] === undefined) {
        const marked = await this.#updatePortfolioItem(
          tenant,
          id,
          `SET ${DELETING_AT} = :now`,
          `attribute_exists(pk) AND attribute_not_exists(${DELETING_AT})${expectedVersion === undefined ? "" : " AND version = :expected"}`,
          {
            ":now": S(new Date().toISOString()),
            ...(expectedVersion === undefined ? {} : { ":expected": N(expectedVersion) }),
          },
        );
        const again = marked ? undefined : await this.#get(tenantKey(tenant), portfolioSortKey(id));
        // Not marked and not being deleted by another request: the version moved, or the portfolio is gone.
        if (!marked && again?.[DELETING_AT] === undefined) {
          await this.#removeSweepEntry(deleteId);
          return this.#conflict(tenantKey(tenant), portfolioSortKey(id), `portfolio ${id}`);
        }
      }
      await this.#finishDelete(tenant, id, current[DELETING_AT]?.S ?? new Date().toISOString());
      await this.#removeSweepEntry(deleteId);
    });
  }

  /** Steps 2 and 3 of a delete whose tombstone is written (see deletePortfolio). */
  async #finishDelete(tenant: string, id: string, deletedAt: string): Promise<void> {
    const pk = portfolioPartition(tenant, id);
    const keys = await this.#keys(pk, "", "sha256");
    const inviteKeys = keys
      .filter((item) => str(item, "sk").startsWith(INVITE_PREFIX) && item.sha256?.S !== undefined)
      .map((item) => ({ pk: S(inviteHashKey(str(item, "sha256"))), sk: S("INVITE") }));
    // Invite keys first: their listing items in the partition are how a retried delete finds them. Each is
    // kept as a marker that expires, so its link says the workshop is gone rather than that it is unknown.
    await this.#markInvitesDeleted(inviteKeys, deletedAt);
    await this.#deleteKeys(keys.map((item) => ({ pk: item.pk!, sk: item.sk! })));
    await this.#client
      .send(
        new DeleteItemCommand({
          TableName: this.#table,
          Key: this.#portfolioKey(tenant, id),
          ConditionExpression: `attribute_exists(${DELETING_AT})`,
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  /**
   * Adds an initiative; with ratings, as one atomic write (see #atomically): readers see the initiative
   * with all of its ratings or neither, also when the process dies between the two.
   */
  addInitiative(
    tenant: string,
    portfolioId: string,
    data: InitiativeData,
    now: string,
    ratings: readonly RatingRecord[] = [],
  ): Promise<InitiativeRecord> {
    if (ratings.length === 0)
      return this.#changing(tenant, portfolioId, async () => {
        await this.#requirePortfolio(tenant, portfolioId);
        const item = this.#initiativeItem(tenant, portfolioId, data, 1, now);
        await this.#putNew(item, `initiative ${data.id}`);
        return initiativeFrom(item);
      });
    return guardStore(() =>
      this.#atomically(tenant, portfolioId, async (writeId, _portfolio, willWrite) => {
        const pk = portfolioPartition(tenant, portfolioId);
        const item = { ...this.#initiativeItem(tenant, portfolioId, data, 1, now), [IMPORT_ID]: S(writeId) };
        const rows = ratings.map((rating) => ({ ...this.#ratingItem(pk, rating), [IMPORT_ID]: S(writeId) }));
        willWrite([item, ...rows]);
        await this.#putNew(item, `initiative ${data.id}`);
        const failed = await this.#batch(rows.map((Item) => ({ PutRequest: { Item } })));
        if (failed.size > 0)
          throw new StoreError(
            "unavailable",
            `the store left ${failed.size} of the initiative's ratings unwritten after retries`,
          );
        return initiativeFrom(item);
      }),
    );
  }

  getInitiative(tenant: string, portfolioId: string, initiativeId: string): Promise<InitiativeRecord> {
    return guardStore(async () => {
      const before = await this.#requirePortfolio(tenant, portfolioId);
      const found = await this.#get(portfolioPartition(tenant, portfolioId), initiativeSortKey(initiativeId));
      const [item] = await this.#visible(tenant, portfolioId, found === undefined ? [] : [found], before);
      if (item === undefined) throw new StoreError("not-found", `initiative ${initiativeId} does not exist`);
      return initiativeFrom(item);
    });
  }

  listInitiatives(
    tenant: string,
    portfolioId: string,
    limit: number,
    cursor?: string,
  ): Promise<Page<InitiativeRecord>> {
    return guardStore(async () => {
      const before = await this.#requirePortfolio(tenant, portfolioId);
      const page = await this.#page(
        portfolioPartition(tenant, portfolioId),
        INITIATIVE_PREFIX,
        limit,
        cursor,
      );
      const items = await this.#visible(tenant, portfolioId, page.items, before);
      return { ...page, items: items.map(initiativeFrom) };
    });
  }

  updateInitiative(
    tenant: string,
    portfolioId: string,
    data: InitiativeData,
    expectedVersion: number,
    now: string,
  ): Promise<InitiativeRecord> {
    return this.#changing(tenant, portfolioId, async () => {
      await this.#requirePortfolio(tenant, portfolioId);
      const item = this.#initiativeItem(tenant, portfolioId, data, expectedVersion + 1, now);
      await this.#putAtVersion(item, expectedVersion, `initiative ${data.id}`);
      return initiativeFrom(item);
    });
  }

  deleteInitiative(tenant: string, portfolioId: string, initiativeId: string): Promise<void> {
    return this.#changing(tenant, portfolioId, async () => {
      await this.#requirePortfolio(tenant, portfolioId);
      const pk = portfolioPartition(tenant, portfolioId);
      try {
        await this.#client.send(
          new DeleteItemCommand({
            TableName: this.#table,
            Key: { pk: S(pk), sk: S(initiativeSortKey(initiativeId)) },
            ConditionExpression: "attribute_exists(pk)",
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          throw new StoreError("not-found", `initiative ${initiativeId} does not exist`);
        throw error;
      }
      await this.#deleteKeys(await this.#keys(pk, ratingsOfInitiativePrefix(initiativeId)));
    });
  }

  /**
   * One atomic write (see #atomically) of every row. An entry the store did not take whole is deleted again
   * before the write shows, and reported. Dead writes of this portfolio are swept first.
   */
  importInitiatives(
    tenant: string,
    portfolioId: string,
    entries: readonly ImportEntry[],
    now: string,
  ): Promise<BatchOutcome[]> {
    return guardStore(async () => {
      await this.#sweepImports(tenant, portfolioId, await this.#requirePortfolio(tenant, portfolioId));
      // Its rows are not named to #atomically: rolling back thousands of keys one by one costs more than the
      // one Query of the partition that finds those actually written.
      return this.#atomically(tenant, portfolioId, async (importId) => {
        const pk = portfolioPartition(tenant, portfolioId);
        const rows: Item[] = [];
        const entryOf: number[] = [];
        // Built in stretches of about ITEMS_PER_STRETCH rows: 20,000 rows are 100-160 ms of CPU.
        let stretchEnd = ITEMS_PER_STRETCH;
        for (let index = 0; index < entries.length; index++) {
          if (rows.length >= stretchEnd) {
            await yieldToEventLoop();
            stretchEnd = rows.length + ITEMS_PER_STRETCH;
          }
          const entry = entries[index]!;
          rows.push({
            ...this.#initiativeItem(tenant, portfolioId, entry.data, 1, now),
            [IMPORT_ID]: S(importId),
          });
          entryOf.push(index);
          for (const rating of entry.ratings) {
            rows.push({ ...this.#ratingItem(pk, rating), [IMPORT_ID]: S(importId) });
            entryOf.push(index);
          }
        }
        const failed = await this.#batch(rows.map((Item) => ({ PutRequest: { Item } })));
        const incomplete = new Set([...failed].map((index) => entryOf[index]!));
        await this.#deleteKeys(
          rows
            .filter((_row, index) => incomplete.has(entryOf[index]!) && !failed.has(index))
            .map((row) => ({ pk: row.pk!, sk: row.sk! })),
        );
        return entries.map(
          (_, index): BatchOutcome =>
            incomplete.has(index)
              ? { ok: false, reason: "the store left this write unprocessed after retries" }
              : { ok: true },
        );
      });
    });
  }

  /** The stored items at these keys, in any order (BatchGetItem, 100 a time, unprocessed keys retried). */
  async #getRows(
    keys: readonly Item[],
    projection?: { readonly expression: string; readonly names: Record<string, string> },
  ): Promise<Item[]> {
    const rows: Item[] = [];
    for (let start = 0; start < keys.length; start += 100) {
      let pending: Item[] = keys.slice(start, start + 100);
      for (let round = 0; pending.length > 0; round++) {
        if (round > 8) throw new StoreError("unavailable", "the store left reads unprocessed after retries");
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** round));
        const answer = await this.#client.send(
          new BatchGetItemCommand({
            RequestItems: {
              [this.#table]: {
                Keys: pending,
                ConsistentRead: true,
                ...(projection === undefined
                  ? {}
                  : {
                      ProjectionExpression: projection.expression,
                      ExpressionAttributeNames: projection.names,
                    }),
              },
            },
          }),
        );
        for (const row of answer.Responses?.[this.#table] ?? []) rows.push(row);
        pending = answer.UnprocessedKeys?.[this.#table]?.Keys ?? [];
      }
    }
    return rows;
  }

  /** The stored rows of these initiative ids, those of pending writes included. */
  #initiativeRows(tenant: string, portfolioId: string, ids: readonly string[]): Promise<Item[]> {
    const pk = portfolioPartition(tenant, portfolioId);
    return this.#getRows(
      [...new Set(ids)].map((id) => ({ pk: S(pk), sk: S(initiativeSortKey(id)) })),
      { expression: `sk, #data, ${IMPORT_ID}`, names: { "#data": "data" } },
    );
  }

  existingInitiatives(tenant: string, portfolioId: string, ids: readonly string[]): Promise<Set<string>> {
    return guardStore(async () => {
      const rows = await this.#visible(
        tenant,
        portfolioId,
        await this.#initiativeRows(tenant, portfolioId, ids),
      );
      return new Set(rows.map((row) => initiativeFrom(row).data.id));
    });
  }

  countInitiatives(tenant: string, portfolioId: string): Promise<number> {
    return guardStore(async () => {
      const query = {
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: {
          ":pk": S(portfolioPartition(tenant, portfolioId)),
          ":prefix": S(INITIATIVE_PREFIX),
        },
      };
      const portfolio = await this.#requirePortfolio(tenant, portfolioId);
      // With an import under way some rows are hidden: read them to tell. Otherwise the store counts, and
      // no item crosses the wire (5,000 initiatives are a megabyte to parse on the event loop).
      if (hiddenImports(portfolio).size > 0)
        return (await this.#visible(tenant, portfolioId, await this.#queryAll(query))).length;
      let count = 0;
      let start: Item | undefined;
      do {
        const answer = await this.#queryPage({
          ...query,
          Select: "COUNT",
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        });
        count += answer.Count ?? 0;
        start = answer.LastEvaluatedKey;
      } while (start !== undefined);
      return count;
    });
  }

  ratingTargets(
    tenant: string,
    portfolioId: string,
    ids: readonly string[],
  ): Promise<{ readonly portfolio: PortfolioRecord; readonly existing: Set<string> }> {
    return guardStore(async () => {
      const rows = await this.#initiativeRows(tenant, portfolioId, ids);
      // After the rows, as visibleRows needs: a row whose write is no longer pending has shown.
      const item = await this.#requirePortfolio(tenant, portfolioId);
      return {
        portfolio: portfolioFrom(item),
        existing: new Set(visibleRows(rows, item).map((row) => initiativeFrom(row).data.id)),
      };
    });
  }

  /**
   * Writes one rater's ratings of several initiatives, and removes some, as one atomic write (see
   * #atomically): readers see the earlier ratings or all of the new ones. Each new row keeps the row it
   * replaces as `previous`, shown while the write is hidden and put back when it rolls back, so the rows are
   * read first. A single rating or removal is one item, written directly.
   */
  putRatings(
    tenant: string,
    portfolioId: string,
    ratings: readonly RatingRecord[],
    removals: readonly RatingKey[] = [],
  ): Promise<void> {
    const pk = portfolioPartition(tenant, portfolioId);
    const keyOf = (rating: RatingKey) => ({
      pk: S(pk),
      sk: S(ratingSortKey(rating.initiativeId, rating.rater)),
    });
    if (ratings.length + removals.length <= 1)
      return this.#changing(tenant, portfolioId, async () => {
        const failed = await this.#batch([
          ...ratings.map((rating) => ({ PutRequest: { Item: this.#ratingItem(pk, rating) } })),
          ...removals.map((removal) => ({ DeleteRequest: { Key: keyOf(removal) } })),
        ]);
        if (failed.size > 0)
          throw new StoreError("unavailable", "the store left the rating unwritten after retries");
      });
    return guardStore(async () => {
      const stored = new Map(
        (await this.#getRows([...ratings, ...removals].map(keyOf))).map((row) => [str(row, "sk"), row]),
      );
      const removed = await this.#atomically(tenant, portfolioId, async (writeId, portfolio, willWrite) => {
        const hidden = hiddenImports(portfolio);
        const withPrevious = (item: Item): Item => {
          const previous = previousOf(stored.get(str(item, "sk")), hidden);
          return {
            ...item,
            [IMPORT_ID]: S(writeId),
            ...(previous === undefined ? {} : { [PREVIOUS]: previous }),
          };
        };
        const rows = await mapInStretches(ratings, (rating) => withPrevious(this.#ratingItem(pk, rating)));
        // A removal writes a marker only over a rating readers see; the rest have nothing to remove.
        const markers = (
          await mapInStretches(removals, (removal) =>
            withPrevious({ ...keyOf(removal), kind: S("rating"), [REMOVED]: { BOOL: true } }),
          )
        ).filter((marker) => marker[PREVIOUS] !== undefined);
        willWrite(rows);
        willWrite(markers);
        const failed = await this.#batch([...rows, ...markers].map((Item) => ({ PutRequest: { Item } })));
        if (failed.size > 0)
          throw new StoreError(
            "unavailable",
            `the store left ${failed.size} of ${rows.length + markers.length} rating writes unprocessed after retries; none was kept`,
          );
        return markers;
      });
      // The markers read as absent once shown; deleting them only tidies up (a crash leaves them hidden).
      await this.#deleteMarkers(removed).catch(() => undefined);
    });
  }

  /** Deletes removal markers still carrying their write's id. */
  #deleteMarkers(markers: readonly Item[]): Promise<void> {
    return this.#eachConditional(markers, (marker) =>
      this.#client.send(
        new DeleteItemCommand({
          TableName: this.#table,
          Key: { pk: marker.pk!, sk: marker.sk! },
          ConditionExpression: `${IMPORT_ID} = :id`,
          ExpressionAttributeValues: { ":id": marker[IMPORT_ID]! },
        }),
      ),
    );
  }

  deleteRatings(
    tenant: string,
    portfolioId: string,
    rater: string,
    initiativeIds?: readonly string[],
  ): Promise<number> {
    return this.#changing(tenant, portfolioId, async () => {
      const pk = portfolioPartition(tenant, portfolioId);
      // A rater's records are spread over the initiatives (keyed initiative first), so without a list of
      // initiatives they are found by one Query of the portfolio's partition, as results read it.
      const ids =
        initiativeIds ??
        (await this.readContents(tenant, portfolioId)).ratings
          .filter((rating) => rating.rater === rater)
          .map((rating) => rating.initiativeId);
      if (initiativeIds !== undefined) await this.#requirePortfolio(tenant, portfolioId);
      const keys = [...new Set(ids)].map((id) => ({ pk: S(pk), sk: S(ratingSortKey(id, rater)) }));
      await this.#deleteKeys(keys);
      return keys.length;
    });
  }

  readContents(tenant: string, portfolioId: string): Promise<PortfolioContents> {
    return guardStore(async () => {
      let before: Item;
      let visible: Item[];
      for (let attempt = 1; ; attempt++) {
        before = await this.#requirePortfolio(tenant, portfolioId);
        // Initiatives and ratings share the partition and come back together, in pages of at most
        // CONTENTS_PAGE_ITEMS: each page is parsed and converted on the event loop, so a 20,000-item
        // portfolio holds it for a few short stretches rather than one long one.
        const rows = await this.#queryAll({
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": S(portfolioPartition(tenant, portfolioId)) },
          Limit: CONTENTS_PAGE_ITEMS,
        });
        const read = await this.#visibleSince(tenant, portfolioId, rows, before);
        visible = read.rows;
        // A write that began meanwhile may show in part: read again (a busier portfolio gets the last read).
        if (read.settled || attempt === READ_ATTEMPTS) break;
      }
      const portfolio = portfolioFrom(before);
      const initiatives: InitiativeRecord[] = [];
      const ratings: RatingRecord[] = [];
      for (let i = 0; i < visible.length; i++) {
        if (i > 0 && i % CONTENTS_PAGE_ITEMS === 0) await yieldToEventLoop();
        const item = visible[i]!;
        const sk = str(item, "sk");
        if (sk.startsWith(INITIATIVE_PREFIX)) initiatives.push(initiativeFrom(item));
        else if (sk.startsWith(RATING_PREFIX)) ratings.push(ratingFrom(item));
      }
      // The record read first: its revision is no newer than the contents, so a cached result is never stale.
      return { portfolio, initiatives, ratings };
    });
  }

  /**
   * Finishes what dead writers left: each sweep entry whose lease has ended (one Query finds them, oldest
   * first, at most `limit`) has its portfolio's dead writes rolled back or its delete finished, and is then
   * removed. Entries of writes that finished are removed by the writes themselves, so a sweep with nothing
   * to do costs one Query.
   */
  sweep(limit = 25): Promise<number> {
    checkLimit(limit);
    return guardStore(async () => {
      const answer = await this.#queryPage({
        KeyConditionExpression: "pk = :pk AND sk < :now",
        ExpressionAttributeValues: {
          ":pk": S(SWEEP_PARTITION),
          ":now": S(String(Math.floor(Date.now() / 1000))),
        },
        Limit: limit,
      });
      const entries = answer.Items ?? [];
      for (const entry of entries) {
        const [tenant, portfolioId] = [str(entry, "tenant"), str(entry, "portfolioId")];
        const portfolio = await this.#get(tenantKey(tenant), portfolioSortKey(portfolioId));
        if (portfolio?.[DELETING_AT] !== undefined)
          await this.#finishDelete(tenant, portfolioId, str(portfolio, DELETING_AT));
        else if (portfolio !== undefined) await this.#sweepImports(tenant, portfolioId, portfolio);
        await this.#removeSweepEntry(str(entry, "sk"));
      }
      return entries.length;
    });
  }

  claimIdempotencyKey(
    tenant: string,
    key: string,
    fingerprint: string,
    ttlSeconds: number,
    leaseSeconds: number,
  ): Promise<IdempotencyClaim> {
    return guardStore(async () => {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const owner = crypto.randomUUID();
      try {
        // Absent, expired (TTL has not swept it yet), or pending under a lease nobody renewed: its owner died.
        await this.#client.send(
          new PutItemCommand({
            TableName: this.#table,
            Item: {
              ...idempotencyItem(tenant, key, "pending", fingerprint, owner),
              leaseUntil: N(nowSeconds + leaseSeconds),
              expiresAt: N(nowSeconds + ttlSeconds),
            },
            ConditionExpression:
              "attribute_not_exists(pk) OR expiresAt < :now OR (#state = :pending AND (leaseUntil < :now OR attribute_not_exists(leaseUntil)))",
            ExpressionAttributeNames: { "#state": "state" },
            ExpressionAttributeValues: { ":now": N(nowSeconds), ":pending": S("pending") },
          }),
        );
        return { state: "claimed", owner };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const item = await this.#get(tenantKey(tenant), idempotencySortKey(key));
      if (item === undefined)
        return this.claimIdempotencyKey(tenant, key, fingerprint, ttlSeconds, leaseSeconds);
      if (str(item, "state") !== "done") return { state: "pending", fingerprint: str(item, "fingerprint") };
      const response = JSON.parse(str(item, "response")) as IdempotentResponse;
      if (item.bodyParts === undefined) return { state: "done", response };
      return { state: "done", response: { ...response, body: await this.#answerBody(tenant, key, item) } };
    });
  }

  /** Reads a stored answer's body from its parts and checks it against the digest stored with them. */
  async #answerBody(tenant: string, key: string, record: Item): Promise<string> {
    const prefix = idempotencyPartPrefix(key, str(record, "owner"));
    const parts = await this.#queryAll({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": S(tenantKey(tenant)), ":prefix": S(prefix) },
    });
    const body = parts.map((item) => str(item, "text")).join("");
    if (parts.length !== num(record, "bodyParts") || (await sha256Hex(body)) !== str(record, "bodyDigest"))
      throw new StoreError("unavailable", `the stored answer for Idempotency-Key ${key} is incomplete`);
    return body;
  }

  renewIdempotencyKey(tenant: string, key: string, owner: string, leaseSeconds: number): Promise<boolean> {
    return guardStore(async () => {
      try {
        await this.#client.send(
          new UpdateItemCommand({
            TableName: this.#table,
            Key: { pk: S(tenantKey(tenant)), sk: S(idempotencySortKey(key)) },
            UpdateExpression: "SET leaseUntil = :until",
            ConditionExpression: "#state = :pending AND #owner = :owner",
            ExpressionAttributeNames: { "#state": "state", "#owner": "owner" },
            ExpressionAttributeValues: {
              ":until": N(Math.floor(Date.now() / 1000) + leaseSeconds),
              ":pending": S("pending"),
              ":owner": S(owner),
            },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    });
  }

  /**
   * Stores the answer. One that would not fit in one item (400 KB) is written first in parts, each under
   * the owner's token, then the record points at them with their count and SHA-256: a crash between the two
   * leaves parts that expire with the key and a key that a retry can claim once the lease ends.
   */
  completeIdempotencyKey(
    tenant: string,
    key: string,
    owner: string,
    response: IdempotentResponse,
    ttlSeconds: number,
  ): Promise<boolean> {
    return guardStore(async () => {
      const expiresAt = N(Math.floor(Date.now() / 1000) + ttlSeconds);
      const large = new TextEncoder().encode(response.body).length > INLINE_ANSWER_BYTES;
      let pointer: Item = {};
      if (large) {
        const parts = splitText(response.body, ANSWER_PART_CHARS);
        const prefix = idempotencyPartPrefix(key, owner);
        const failed = await this.#batch(
          parts.map((text, index) => ({
            PutRequest: {
              Item: {
                pk: S(tenantKey(tenant)),
                sk: S(`${prefix}${String(index).padStart(6, "0")}`),
                kind: S("idempotency-part"),
                text: S(text),
                expiresAt,
              },
            },
          })),
        );
        if (failed.size > 0)
          throw new StoreError(
            "unavailable",
            `the store left ${failed.size} part(s) of the answer unwritten`,
          );
        pointer = { bodyParts: N(parts.length), bodyDigest: S(await sha256Hex(response.body)) };
      }
      try {
        await this.#client.send(
          new PutItemCommand({
            TableName: this.#table,
            Item: {
              ...idempotencyItem(tenant, key, "done", response.fingerprint, owner),
              response: S(JSON.stringify(large ? { ...response, body: "" } : response)),
              ...pointer,
              expiresAt,
            },
            ConditionExpression: "#state = :pending AND #owner = :owner",
            ExpressionAttributeNames: { "#state": "state", "#owner": "owner" },
            ExpressionAttributeValues: { ":pending": S("pending"), ":owner": S(owner) },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    });
  }

  releaseIdempotencyKey(tenant: string, key: string, owner: string): Promise<void> {
    return guardStore(async () => {
      await this.#client
        .send(
          new DeleteItemCommand({
            TableName: this.#table,
            Key: { pk: S(tenantKey(tenant)), sk: S(idempotencySortKey(key)) },
            ConditionExpression: "#state = :pending AND #owner = :owner",
            ExpressionAttributeNames: { "#state": "state", "#owner": "owner" },
            ExpressionAttributeValues: { ":pending": S("pending"), ":owner": S(owner) },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    });
  }
}
