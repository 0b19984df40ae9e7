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
import { guardStore } from "./dynamodb-errors.js";
import {
  decodeCursor,
  encodeCursor,
  INITIATIVE_PREFIX,
  idempotencySortKey,
  initiativeSortKey,
  PORTFOLIO_PREFIX,
  portfolioPartition,
  portfolioSortKey,
  RATING_PREFIX,
  ratingSortKey,
  ratingsOfInitiativePrefix,
  tenantKey,
} from "./dynamodb-keys.js";
import {
  type BatchOutcome,
  type IdempotencyClaim,
  type IdempotentResponse,
  type InitiativeData,
  type InitiativeRecord,
  type Page,
  type PortfolioContents,
  type PortfolioFields,
  type PortfolioRecord,
  type PortfolioStore,
  type RatingRecord,
  StoreError,
} from "./portfolio-store.js";

type Item = Record<string, AttributeValue>;

/** Options of {@link DynamoDbPortfolioStore}. */
export interface DynamoDbStoreOptions {
  /** The table (created by `db:create` or {@link createPortfolioTable}). */
  readonly table: string;
  /** Batch retry delays; tests shorten them. */
  readonly batchBaseDelayMs?: number;
}

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

  /**
   * @param client - a DynamoDB client (see `createDynamoDbClient`)
   * @param options - the table name
   */
  constructor(client: DynamoDBClient, options: DynamoDbStoreOptions) {
    this.#client = client;
    this.#table = options.table;
    this.#batchBaseDelayMs = options.batchBaseDelayMs;
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

  async #page(pk: string, prefix: string, limit: number, cursor: string | undefined): Promise<Page<Item>> {
    checkLimit(limit);
    const after = cursor === undefined ? undefined : decodeCursor(cursor, prefix);
    if (cursor !== undefined && after === undefined)
      throw new StoreError("invalid-cursor", "expected a cursor from the previous page of this listing");
    const answer = await this.#queryPage({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": S(pk), ":prefix": S(prefix) },
      Limit: limit,
      ...(after === undefined ? {} : { ExclusiveStartKey: { pk: S(pk), sk: S(after) } }),
    });
    const items = answer.Items ?? [];
    const last = answer.LastEvaluatedKey?.sk?.S;
    return last === undefined ? { items } : { items, cursor: encodeCursor(last) };
  }

  /** Every key of a partition under a prefix, paging through. */
  async #keys(pk: string, prefix: string): Promise<Item[]> {
    const keys: Item[] = [];
    let start: Item | undefined;
    do {
      // DynamoDB refuses an empty string in a key condition, so "everything" has no begins_with.
      const answer = await this.#queryPage({
        ...(prefix === ""
          ? { KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": S(pk) } }
          : {
              KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
              ExpressionAttributeValues: { ":pk": S(pk), ":prefix": S(prefix) },
            }),
        ProjectionExpression: "pk, sk",
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      });
      for (const item of answer.Items ?? []) keys.push(item);
      start = answer.LastEvaluatedKey;
    } while (start !== undefined);
    return keys;
  }

  async #deleteKeys(keys: readonly Item[]): Promise<void> {
    const failed = await this.#batch(keys.map((Key) => ({ DeleteRequest: { Key } })));
    if (failed.size > 0)
      throw new StoreError(
        "unavailable",
        `the store left ${failed.size} deletion(s) unprocessed after retries`,
      );
  }

  /** After a failed condition: the stored version, or a not-found error when the item is gone. */
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

  async #conflict(pk: string, sk: string, what: string): Promise<never> {
    const current = await this.#get(pk, sk);
    if (current === undefined) throw new StoreError("not-found", `${what} does not exist`);
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

  async #requirePortfolio(tenant: string, id: string): Promise<Item> {
    const item = await this.#get(tenantKey(tenant), portfolioSortKey(id));
    if (item === undefined) throw new StoreError("not-found", `portfolio ${id} does not exist`);
    return item;
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
      const page = await this.#page(tenantKey(tenant), PORTFOLIO_PREFIX, limit, cursor);
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
      const current = await this.#requirePortfolio(tenant, id);
      const item = this.#portfolioItem(
        tenant,
        id,
        fields,
        expectedVersion + 1,
        num(current, "revision") + 1,
        str(current, "createdAt"),
        now,
      );
      await this.#putAtVersion(item, expectedVersion, `portfolio ${id}`);
      return portfolioFrom(item);
    });
  }

  deletePortfolio(tenant: string, id: string, expectedVersion?: number): Promise<void> {
    return guardStore(async () => {
      try {
        await this.#client.send(
          new DeleteItemCommand({
            TableName: this.#table,
            Key: { pk: S(tenantKey(tenant)), sk: S(portfolioSortKey(id)) },
            ConditionExpression:
              expectedVersion === undefined
                ? "attribute_exists(pk)"
                : "attribute_exists(pk) AND version = :expected",
            ...(expectedVersion === undefined
              ? {}
              : { ExpressionAttributeValues: { ":expected": N(expectedVersion) } }),
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException)
          return this.#conflict(tenantKey(tenant), portfolioSortKey(id), `portfolio ${id}`);
        throw error;
      }
      // The portfolio record is gone first, so its contents are unreachable even if this clean-up is cut short.
      await this.#deleteKeys(await this.#keys(portfolioPartition(tenant, id), ""));
    });
  }

  addInitiative(
    tenant: string,
    portfolioId: string,
    data: InitiativeData,
    now: string,
  ): Promise<InitiativeRecord> {
    return this.#changing(tenant, portfolioId, async () => {
      await this.#requirePortfolio(tenant, portfolioId);
      const item = this.#initiativeItem(tenant, portfolioId, data, 1, now);
      await this.#putNew(item, `initiative ${data.id}`);
      return initiativeFrom(item);
    });
  }

  getInitiative(tenant: string, portfolioId: string, initiativeId: string): Promise<InitiativeRecord> {
    return guardStore(async () => {
      await this.#requirePortfolio(tenant, portfolioId);
      const item = await this.#get(portfolioPartition(tenant, portfolioId), initiativeSortKey(initiativeId));
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
      await this.#requirePortfolio(tenant, portfolioId);
      const page = await this.#page(
        portfolioPartition(tenant, portfolioId),
        INITIATIVE_PREFIX,
        limit,
        cursor,
      );
      return { ...page, items: page.items.map(initiativeFrom) };
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

  putInitiatives(
    tenant: string,
    portfolioId: string,
    initiatives: readonly InitiativeData[],
    now: string,
  ): Promise<BatchOutcome[]> {
    return this.#changing(tenant, portfolioId, async () => {
      await this.#requirePortfolio(tenant, portfolioId);
      const failed = await this.#batch(
        initiatives.map((data) => ({
          PutRequest: { Item: this.#initiativeItem(tenant, portfolioId, data, 1, now) },
        })),
      );
      return initiatives.map((_, index) =>
        failed.has(index)
          ? { ok: false, reason: "the store left this write unprocessed after retries" }
          : { ok: true },
      );
    });
  }

  existingInitiatives(tenant: string, portfolioId: string, ids: readonly string[]): Promise<Set<string>> {
    return guardStore(async () => {
      const pk = portfolioPartition(tenant, portfolioId);
      const found = new Set<string>();
      const unique = [...new Set(ids)];
      for (let start = 0; start < unique.length; start += 100) {
        let keys: Item[] = unique
          .slice(start, start + 100)
          .map((id) => ({ pk: S(pk), sk: S(initiativeSortKey(id)) }));
        for (let round = 0; keys.length > 0; round++) {
          if (round > 8)
            throw new StoreError("unavailable", "the store left reads unprocessed after retries");
          if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * 25 * 2 ** round));
          const answer = await this.#client.send(
            new BatchGetItemCommand({
              RequestItems: {
                [this.#table]: {
                  Keys: keys,
                  ProjectionExpression: "sk, #data",
                  ExpressionAttributeNames: { "#data": "data" },
                  ConsistentRead: true,
                },
              },
            }),
          );
          for (const item of answer.Responses?.[this.#table] ?? []) found.add(initiativeFrom(item).data.id);
          keys = answer.UnprocessedKeys?.[this.#table]?.Keys ?? [];
        }
      }
      return found;
    });
  }

  putRatings(tenant: string, portfolioId: string, ratings: readonly RatingRecord[]): Promise<BatchOutcome[]> {
    return this.#changing(tenant, portfolioId, async () => {
      const pk = portfolioPartition(tenant, portfolioId);
      const failed = await this.#batch(
        ratings.map((rating) => ({
          PutRequest: {
            Item: {
              pk: S(pk),
              sk: S(ratingSortKey(rating.initiativeId, rating.rater)),
              kind: S("rating"),
              initiativeId: S(rating.initiativeId),
              rater: S(rating.rater),
              weight: N(rating.weight),
              ratings: S(JSON.stringify(rating.ratings)),
              ...(rating.comment ? { comment: S(rating.comment) } : {}),
              updatedAt: S(rating.updatedAt),
            },
          },
        })),
      );
      return ratings.map((_, index) =>
        failed.has(index)
          ? { ok: false, reason: "the store left this write unprocessed after retries" }
          : { ok: true },
      );
    });
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
      const portfolio = portfolioFrom(await this.#requirePortfolio(tenant, portfolioId));
      const initiatives: InitiativeRecord[] = [];
      const ratings: RatingRecord[] = [];
      const pk = portfolioPartition(tenant, portfolioId);
      let start: Item | undefined;
      // One Query per 1 MB page: initiatives and ratings share the partition and come back together.
      do {
        const answer = await this.#queryPage({
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: { ":pk": S(pk) },
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        });
        for (const item of answer.Items ?? []) {
          const sk = str(item, "sk");
          if (sk.startsWith(INITIATIVE_PREFIX)) initiatives.push(initiativeFrom(item));
          else if (sk.startsWith(RATING_PREFIX)) ratings.push(ratingFrom(item));
        }
        start = answer.LastEvaluatedKey;
      } while (start !== undefined);
      return { portfolio, initiatives, ratings };
    });
  }

  claimIdempotencyKey(
    tenant: string,
    key: string,
    fingerprint: string,
    ttlSeconds: number,
  ): Promise<IdempotencyClaim> {
    return guardStore(async () => {
      const nowSeconds = Math.floor(Date.now() / 1000);
      try {
        // An expired record that TTL has not swept yet counts as absent.
        await this.#client.send(
          new PutItemCommand({
            TableName: this.#table,
            Item: {
              pk: S(tenantKey(tenant)),
              sk: S(idempotencySortKey(key)),
              kind: S("idempotency"),
              state: S("pending"),
              fingerprint: S(fingerprint),
              expiresAt: N(nowSeconds + ttlSeconds),
            },
            ConditionExpression: "attribute_not_exists(pk) OR expiresAt < :now",
            ExpressionAttributeValues: { ":now": N(nowSeconds) },
          }),
        );
        return { state: "claimed" };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const item = await this.#get(tenantKey(tenant), idempotencySortKey(key));
      if (item === undefined) return this.claimIdempotencyKey(tenant, key, fingerprint, ttlSeconds);
      if (str(item, "state") !== "done") return { state: "pending", fingerprint: str(item, "fingerprint") };
      return { state: "done", response: JSON.parse(str(item, "response")) as IdempotentResponse };
    });
  }

  completeIdempotencyKey(
    tenant: string,
    key: string,
    response: IdempotentResponse,
    ttlSeconds: number,
  ): Promise<void> {
    return guardStore(async () => {
      await this.#client.send(
        new PutItemCommand({
          TableName: this.#table,
          Item: {
            pk: S(tenantKey(tenant)),
            sk: S(idempotencySortKey(key)),
            kind: S("idempotency"),
            state: S("done"),
            fingerprint: S(response.fingerprint),
            response: S(JSON.stringify(response)),
            expiresAt: N(Math.floor(Date.now() / 1000) + ttlSeconds),
          },
        }),
      );
    });
  }

  releaseIdempotencyKey(tenant: string, key: string): Promise<void> {
    return guardStore(async () => {
      await this.#client
        .send(
          new DeleteItemCommand({
            TableName: this.#table,
            Key: { pk: S(tenantKey(tenant)), sk: S(idempotencySortKey(key)) },
            ConditionExpression: "#state = :pending",
            ExpressionAttributeNames: { "#state": "state" },
            ExpressionAttributeValues: { ":pending": S("pending") },
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        });
    });
  }
}
