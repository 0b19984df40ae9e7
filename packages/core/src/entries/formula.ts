/**
 * Derived criteria: formulas over an initiative's numeric fields (`volume * deflection * cost_per_contact`),
 * compiled and evaluated in a locked-down mathjs before scoring. Loading this entry loads mathjs.
 *
 * @packageDocumentation
 */

export {
  type CompiledFormula,
  compileFormula,
  FORMULA_MAX_DEPTH,
  FORMULA_MAX_EXPONENT,
  type FormulaCompilation,
  type FormulaProblem,
} from "../formula/compile-formula.js";
export {
  BUILT_IN_FIELDS,
  type Derivation,
  type DerivedValue,
  type DeriveOptions,
  deriveFormulaCriteria,
} from "../formula/derive.js";
export { FORMULA_FUNCTIONS } from "../formula/locked-math.js";
