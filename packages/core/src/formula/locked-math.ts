import {
  absDependencies,
  addDependencies,
  create,
  divideDependencies,
  expDependencies,
  type FactoryFunctionMap,
  logDependencies,
  type MathJsInstance,
  type MathNode,
  maxDependencies,
  minDependencies,
  multiplyDependencies,
  parseDependencies,
  powDependencies,
  roundDependencies,
  sqrtDependencies,
  subtractDependencies,
  unaryMinusDependencies,
  unaryPlusDependencies,
} from "mathjs/number";

/** The functions a formula may call. Everything else in mathjs is out of reach. */
export const FORMULA_FUNCTIONS = ["min", "max", "abs", "round", "sqrt", "log", "exp", "pow"] as const;

/** What the locked-down instance offers: a parser and nothing to reach the rest of mathjs with. */
export interface LockedMath {
  readonly parse: (text: string) => MathNode;
}

let instance: LockedMath | undefined;

/**
 * The mathjs instance formulas run in, built on first use (so merely importing core creates nothing):
 * the number-only build with the parser, the arithmetic operators and {@link FORMULA_FUNCTIONS}; no units,
 * matrices, BigNumbers or constants. `import`, `createUnit`, `evaluate`, `parse`, `simplify`, `derivative`,
 * `resolve` and `compile` are replaced by functions that throw, as mathjs's security notes advise, in case a
 * formula ever reached the namespace; the node walk in `compileFormula` already refuses any such call.
 *
 * @returns the parser of the locked-down instance
 */
export function lockedMath(): LockedMath {
  if (instance !== undefined) return instance;
  const math: MathJsInstance = create(
    {
      parseDependencies,
      addDependencies,
      subtractDependencies,
      multiplyDependencies,
      divideDependencies,
      powDependencies,
      unaryMinusDependencies,
      unaryPlusDependencies,
      minDependencies,
      maxDependencies,
      absDependencies,
      roundDependencies,
      sqrtDependencies,
      logDependencies,
      expDependencies,
    } as unknown as FactoryFunctionMap,
    { number: "number" },
  );
  const parse = math.parse;
  const disabled = (name: string) => () => {
    throw new Error(`function ${name} is disabled in cxprism formulas`);
  };
  const names = ["import", "createUnit", "evaluate", "parse", "simplify", "derivative", "resolve", "compile"];
  math.import(Object.fromEntries(names.map((name) => [name, disabled(name)])), { override: true });
  instance = { parse: (text) => parse(text) };
  return instance;
}
