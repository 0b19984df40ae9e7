import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import { batchWriteAll } from "./batch-write.js";
import { TTL_ATTRIBUTE } from "./dynamodb-client.js";
import { guardStore } from "./dynamodb-errors.js";
import {
  INVITE_PREFIX,
  inviteHashKey,
  portfolioPartition,
  portfolioSortKey,
  RATING_PREFIX,
  ratingsOfInitiativePrefix,
  tenantKey,
} from "./dynamodb-keys.js";
import { StoreError } from "./portfolio-store.js";
import { IMPORT_ID, PREVIOUS, visibleRows } from "./visible-rows.js";
import type {
  InviteGrant,
  InviteRecord,
  Phase,
  RoundRating,
  WorkshopFields,
  WorkshopRecord,
  WorkshopStore,
} from "./workshop-store.js";

type Item = Record<string, AttributeValue>;

const S = (value: string): AttributeValue => ({ S: value });
const N = (value: number): AttributeValue => ({ N: String(value) });
const str = (item: Item, name: string): string => item[name]?.S ?? "";
const num = (item: Item, name: string): number => Number(item[name]?.N ?? "0");
const part = (value: string): string => encodeURIComponent(value);

/** Sort key of a portfolio's workshop item (in the portfolio's partition, so deleting it deletes this). */
export const WORKSHOP_SORT_KEY = "WORKSHOP";
/** Sort key prefix of ratings kept from earlier rounds. */
export const ROUND_PREFIX = "ROUND#";
/** Attribute name prefix of a round's progress sets: `p<round>#<rater>` holds initiative ids. */
const progressAttribute = (round: number, rater: string): string => `p${round}#${part(rater)}`;
/** The partition of the item that finds an invite by its key's hash. */

const FRESH: Omit<WorkshopRecord, "version" | "sequence"> = {
  phase: "rating",
  named: false,
  round: 1,
  reopened: [],
  progress: {},
};

function workshopFrom(item: Item): WorkshopRecord {
  const round = num(item, "round") || 1;
  const prefix = `p${round}#`;
  const progress: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(item))
    if (name.startsWith(prefix) && value.SS !== undefined)
      progress[decodeURIComponent(name.slice(prefix.length))] = [...value.SS].sort();
  return {
    phase: str(item, "phase") as Phase,
    named: item.named?.BOOL ?? false,
    round,
    reopened: item.reopened?.SS === undefined ? [] : [...item.reopened.SS].sort(),
    version: num(item, "version"),
    sequence: num(item, "seq"),
    progress,
  };
}

function inviteFrom(item: Item): InviteRecord {
  const rater = item.rater?.S;
  const revokedAt = item.revokedAt?.S;
  return {
    id: str(item, "id"),
    portfolioId: str(item, "portfolioId"),
    role: str(item, "role") as InviteRecord["role"],
    ...(rater === undefined ? {} : { rater }),
    label: str(item, "label"),
    createdAt: str(item, "createdAt"),
    ...(revokedAt === undefined ? {} : { revokedAt }),
  };
}

function inviteItem(invite: InviteRecord): Item {
  return {
    id: S(invite.id),
    portfolioId: S(invite.portfolioId),
    role: S(invite.role),
    ...(invite.rater === undefined ? {} : { rater: S(invite.rater) }),
    label: S(invite.label),
    createdAt: S(invite.createdAt),
    ...(invite.revokedAt === undefined ? {} : { revokedAt: S(invite.revokedAt) }),
  };
}

/**
 * The DynamoDB implementation of {@link WorkshopStore}, in the same table as the portfolios:
 *
 * | item            | pk                         | sk                                |
 * | --------------- | -------------------------- | --------------------------------- |
 * | workshop        | `TENANT#<t>#PORTFOLIO#<p>` | `WORKSHOP`                        |
 * | invite (listed) | `TENANT#<t>#PORTFOLIO#<p>` | `INVITE#<id>`                     |
 * | invite (by key) | `INVITEKEY#<sha256>`       | `INVITE`                          |
 * | kept rating     | `TENANT#<t>#PORTFOLIO#<p>` | `ROUND#<round>#<initiative>#<rater>` |
 *
 * The workshop item holds the phase, the round and every rater's progress as string sets, so a progress
 * poll is one GetItem and a saved rating is one UpdateItem (`ADD`), never a read-modify-write.
 */
export class DynamoDbWorkshopStore implements WorkshopStore {
  readonly #client: DynamoDBClient;
  readonly #table: string;

  /**
   * @param client - a DynamoDB client (see `createDynamoDbClient`)
   * @param options - the table name (the portfolio store's)
   */
  constructor(client: DynamoDBClient, options: { readonly table: string }) {
    this.#client = client;
    this.#table = options.table;
  }

  async #get(pk: string, sk: string): Promise<Item | undefined> {
    const answer = await this.#client.send(
      new GetItemCommand({ TableName: this.#table, Key: { pk: S(pk), sk: S(sk) }, ConsistentRead: true }),
    );
    return answer.Item;
  }

  async #query(pk: string, prefix: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const answer = await this.#client.send(
        new QueryCommand({
          TableName: this.#table,
          ConsistentRead: true,
          KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
          ExpressionAttributeValues: { ":pk": S(pk), ":prefix": S(prefix) },
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      for (const item of answer.Items ?? []) items.push(item);
      start = answer.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
  }

  async #requirePortfolio(tenant: string, portfolioId: string): Promise<void> {
    const portfolio = await this.#get(tenantKey(tenant), portfolioSortKey(portfolioId));
    // A portfolio being deleted (its tombstone: see DynamoDbPortfolioStore.deletePortfolio) is gone already.
    if (portfolio === undefined || portfolio.deletingAt !== undefined)
      throw new StoreError("not-found", `portfolio ${portfolioId} does not exist`);
  }

  /** Sets workshop fields at a version (0: no item yet); bumps version and sequence. */
  async #setAtVersion(
    tenant: string,
    portfolioId: string,
    set: Record<string, AttributeValue>,
    expectedVersion: number,
  ): Promise<WorkshopRecord> {
    const names: Record<string, string> = {};
    const values: Record<string, AttributeValue> = {
      ":one": N(1),
      ...(expectedVersion === 0 ? {} : { ":expected": N(expectedVersion) }),
    };
    const assignments = Object.entries(set).map(([name, value], index) => {
      names[`#f${index}`] = name;
      values[`:f${index}`] = value;
      return `#f${index} = :f${index}`;
    });
    try {
      const answer = await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#table,
          Key: { pk: S(portfolioPartition(tenant, portfolioId)), sk: S(WORKSHOP_SORT_KEY) },
          UpdateExpression: `SET ${assignments.join(", ")} ADD version :one, seq :one`,
          ConditionExpression:
            expectedVersion === 0 ? "attribute_not_exists(version)" : "version = :expected",
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: "ALL_NEW",
        }),
      );
      return workshopFrom(answer.Attributes ?? {});
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const current = await this.getWorkshop(tenant, portfolioId);
      throw new StoreError(
        "version-conflict",
        `the workshop of portfolio ${portfolioId} is at version ${current.version}`,
        current.version,
      );
    }
  }

  createWorkshop(tenant: string, portfolioId: string): Promise<WorkshopRecord> {
    return guardStore(async () => {
      const item: Item = {
        pk: S(portfolioPartition(tenant, portfolioId)),
        sk: S(WORKSHOP_SORT_KEY),
        kind: S("workshop"),
        phase: S(FRESH.phase),
        named: { BOOL: FRESH.named },
        round: N(FRESH.round),
        version: N(1),
        seq: N(1),
      };
      await this.#client.send(new PutItemCommand({ TableName: this.#table, Item: item }));
      return workshopFrom(item);
    });
  }

  getWorkshop(tenant: string, portfolioId: string): Promise<WorkshopRecord> {
    return guardStore(async () => {
      const item = await this.#get(portfolioPartition(tenant, portfolioId), WORKSHOP_SORT_KEY);
      if (item !== undefined) return workshopFrom(item);
      await this.#requirePortfolio(tenant, portfolioId);
      return { ...FRESH, version: 0, sequence: 0 };
    });
  }

  updateWorkshop(
    tenant: string,
    portfolioId: string,
    fields: WorkshopFields,
    expectedVersion: number,
  ): Promise<WorkshopRecord> {
    return guardStore(async () => {
      if (expectedVersion === 0) await this.#requirePortfolio(tenant, portfolioId);
      return this.#setAtVersion(
        tenant,
        portfolioId,
        {
          kind: S("workshop"),
          phase: S(fields.phase),
          named: { BOOL: fields.named },
          ...(expectedVersion === 0 ? { round: N(1) } : {}),
        },
        expectedVersion,
      );
    });
  }

  startRound(
    tenant: string,
    portfolioId: string,
    initiativeIds: readonly string[],
    expectedVersion: number,
  ): Promise<WorkshopRecord> {
    return guardStore(async () => {
      const current = await this.getWorkshop(tenant, portfolioId);
      if (current.version !== expectedVersion)
        throw new StoreError(
          "version-conflict",
          `the workshop of portfolio ${portfolioId} is at version ${current.version}`,
          current.version,
        );
      const pk = portfolioPartition(tenant, portfolioId);
      // Kept before the round moves on: a failed copy leaves the round where it was, and a retry rewrites
      // the same keys.
      const stored: Item[] = [];
      for (const id of new Set(initiativeIds))
        for (const item of await this.#query(pk, ratingsOfInitiativePrefix(id))) stored.push(item);
      // As readers see them: a rating batch under way or cut short keeps the ratings it would replace.
      const portfolio = await this.#get(tenantKey(tenant), portfolioSortKey(portfolioId));
      const kept: Item[] = [];
      for (const { [IMPORT_ID]: _write, [PREVIOUS]: _previous, ...item } of visibleRows(
        stored,
        portfolio ?? {},
      ))
        kept.push({
          ...item,
          sk: S(
            `${ROUND_PREFIX}${String(current.round).padStart(4, "0")}#${str(item, "sk").slice(RATING_PREFIX.length)}`,
          ),
          kind: S("round-rating"),
          round: N(current.round),
        });
      const failed = await batchWriteAll(
        this.#client,
        this.#table,
        kept.map((Item) => ({ PutRequest: { Item } })),
      );
      if (failed.size > 0)
        throw new StoreError("unavailable", `the store left ${failed.size} kept rating(s) unwritten`);
      return this.#setAtVersion(
        tenant,
        portfolioId,
        {
          kind: S("workshop"),
          phase: S("rating"),
          named: { BOOL: current.named },
          round: N(current.round + 1),
          reopened: { SS: [...new Set(initiativeIds)] },
        },
        expectedVersion,
      );
    });
  }

  recordProgress(
    tenant: string,
    portfolioId: string,
    round: number,
    rater: string,
    initiativeIds: readonly string[],
  ): Promise<void> {
    return guardStore(async () => {
      if (initiativeIds.length === 0) return;
      await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#table,
          Key: { pk: S(portfolioPartition(tenant, portfolioId)), sk: S(WORKSHOP_SORT_KEY) },
          UpdateExpression: "ADD #rated :ids, seq :one",
          ExpressionAttributeNames: { "#rated": progressAttribute(round, rater) },
          ExpressionAttributeValues: { ":ids": { SS: [...new Set(initiativeIds)] }, ":one": N(1) },
        }),
      );
    });
  }

  forgetProgress(tenant: string, portfolioId: string, round: number, rater: string): Promise<void> {
    return guardStore(async () => {
      await this.#client.send(
        new UpdateItemCommand({
          TableName: this.#table,
          Key: { pk: S(portfolioPartition(tenant, portfolioId)), sk: S(WORKSHOP_SORT_KEY) },
          UpdateExpression: "REMOVE #rated ADD seq :one",
          ExpressionAttributeNames: { "#rated": progressAttribute(round, rater) },
          ExpressionAttributeValues: { ":one": N(1) },
        }),
      );
    });
  }

  listRoundRatings(tenant: string, portfolioId: string): Promise<RoundRating[]> {
    return guardStore(async () => {
      const items = await this.#query(portfolioPartition(tenant, portfolioId), ROUND_PREFIX);
      return items.map((item) => ({
        round: num(item, "round"),
        initiativeId: str(item, "initiativeId"),
        rater: str(item, "rater"),
        weight: num(item, "weight"),
        ratings: JSON.parse(str(item, "ratings")) as RoundRating["ratings"],
        updatedAt: str(item, "updatedAt"),
      }));
    });
  }

  createInvite(tenant: string, sha256: string, invite: InviteRecord): Promise<void> {
    return guardStore(async () => {
      await this.#requirePortfolio(tenant, invite.portfolioId);
      const fields = inviteItem(invite);
      await this.#client.send(
        new PutItemCommand({
          TableName: this.#table,
          Item: {
            pk: S(inviteHashKey(sha256)),
            sk: S("INVITE"),
            kind: S("invite-key"),
            tenant: S(tenant),
            ...fields,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      );
      await this.#client.send(
        new PutItemCommand({
          TableName: this.#table,
          Item: {
            pk: S(portfolioPartition(tenant, invite.portfolioId)),
            sk: S(`${INVITE_PREFIX}${part(invite.id)}`),
            kind: S("invite"),
            sha256: S(sha256),
            ...fields,
          },
        }),
      );
    });
  }

  listInvites(tenant: string, portfolioId: string): Promise<InviteRecord[]> {
    return guardStore(async () => {
      await this.#requirePortfolio(tenant, portfolioId);
      const items = await this.#query(portfolioPartition(tenant, portfolioId), INVITE_PREFIX);
      return items
        .map(inviteFrom)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    });
  }

  revokeInvite(tenant: string, portfolioId: string, inviteId: string, now: string): Promise<InviteRecord> {
    return guardStore(async () => {
      const pk = portfolioPartition(tenant, portfolioId);
      const sk = `${INVITE_PREFIX}${part(inviteId)}`;
      const listed = await this.#get(pk, sk);
      if (listed === undefined) throw new StoreError("not-found", `invite ${inviteId} does not exist`);
      const revokedAt = listed.revokedAt?.S ?? now;
      // The key's own item first: from then on the key is refused, even if the listing update fails.
      for (const key of [
        { pk: S(inviteHashKey(str(listed, "sha256"))), sk: S("INVITE") },
        { pk: S(pk), sk: S(sk) },
      ])
        await this.#client
          .send(
            new UpdateItemCommand({
              TableName: this.#table,
              Key: key,
              UpdateExpression: "SET revokedAt = if_not_exists(revokedAt, :now)",
              ConditionExpression: "attribute_exists(pk)",
              ExpressionAttributeValues: { ":now": S(revokedAt) },
            }),
          )
          .catch((error: unknown) => {
            if (!(error instanceof ConditionalCheckFailedException)) throw error;
          });
      return { ...inviteFrom(listed), revokedAt };
    });
  }

  findInvite(sha256: string): Promise<InviteGrant | undefined> {
    return guardStore(async () => {
      const item = await this.#get(inviteHashKey(sha256), "INVITE");
      if (item === undefined) return undefined;
      // The store's TTL removes expired markers eventually; until then they read as gone.
      const expiresAt = item[TTL_ATTRIBUTE]?.N;
      if (expiresAt !== undefined && Number(expiresAt) * 1000 < Date.now()) return undefined;
      const deletedAt = item.portfolioDeletedAt?.S;
      return {
        ...inviteFrom(item),
        tenant: str(item, "tenant"),
        ...(deletedAt === undefined ? {} : { portfolioDeletedAt: deletedAt }),
      };
    });
  }
}
