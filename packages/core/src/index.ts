/**
 * cxprism core: score customer-service AI initiatives on business value and feasibility, rank them and
 * explain the ranking. Pure TypeScript: no I/O, runs in Node, Workers and browsers.
 *
 * The root entry holds what scoring needs: validation, the pipeline, the schemas (which are the types), the
 * default model and the catalog. Everything else is grouped by concern in subpath entries:
 * `@cxprism/core/weights`, `/confidence`, `/matrix`, `/plan`, `/formula` and `/table`.
 *
 * @packageDocumentation
 */

export {
  catalog,
  ILLUSTRATIVE_RATINGS_NOTICE,
  type UseCase,
  type UseCaseCategory,
} from "./catalog/catalog.js";
export { renderCatalogCsv } from "./catalog/catalog-csv.js";
export { catalogInitiatives } from "./catalog/initiatives.js";
export {
  CxprismError,
  type CxprismErrorCode,
  formatPath,
  formatProblem,
  type Problem,
  type ProblemPath,
  toJsonPointer,
} from "./errors.js";
export {
  de,
  en,
  formatLocalNumber,
  LANGUAGES,
  type Messages,
  messagesFor,
  quadrantName,
} from "./i18n/index.js";
export { initiativeJsonSchema, type JsonSchema, modelJsonSchema } from "./json-schema.js";
export { defaultModel } from "./model/cx-ai-prism.js";
export {
  type BoardPackInput,
  buildBoardPack,
  MAX_PACK_LISTED,
  type RatedInitiative,
} from "./pack/build-board-pack.js";
export type {
  BoardPack,
  BulletsBlock,
  FigureBlock,
  PackBlock,
  PackSection,
  PackSectionId,
  ParagraphBlock,
  TableBlock,
  TableColumn,
} from "./pack/document.js";
export { type ScoreOutcome, safeScore, score, scorePortfolio } from "./pipeline/score.js";
export * from "./schema/index.js";
export {
  type CriterionKeyed,
  type CriterionKeyResolution,
  type CriterionKeyResolver,
  createCriterionKeyResolver,
  type KeyedCriterion,
  type KeyedModel,
  keyByCriterionId,
  normaliseCriterionKey,
} from "./validate/criterion-key.js";
export { describeValue, issueToProblem } from "./validate/issues.js";
export { type ModelValidation, validateModel } from "./validate/model.js";
export {
  type MissingPolicy,
  type Portfolio,
  type PortfolioValidation,
  type Requirement,
  type ScoreOptions,
  type ValidInitiative,
  validatePortfolio,
} from "./validate/portfolio.js";
export { slugify } from "./validate/slug.js";
export { suggestNearest } from "./validate/suggest.js";
