import type { MathNode } from "mathjs/number";
import { FORMULA_MAX_LENGTH } from "../schema/criterion.js";
import { suggestNearest } from "../validate/suggest.js";
import { FORMULA_FUNCTIONS, lockedMath } from "./locked-math.js";

/** The deepest nesting accepted: parentheses in the text, and nodes in the parsed tree. */
export const FORMULA_MAX_DEPTH = 16;

/** The largest constant exponent accepted (`x ^ 1000` is a typo, not a business case). */
export const FORMULA_MAX_EXPONENT = 100;

/** A formula that passed every check, ready to evaluate. */
export interface CompiledFormula {
  /** The field names it reads, each once, in order of first use. */
  readonly fields: readonly string[];
  /**
   * Evaluates it; `undefined` when the result is not a finite number (a division by zero, `log(-1)`) or
   * mathjs refuses the arguments.
   *
   * @param scope - a value for each of {@link CompiledFormula.fields}
   */
  readonly evaluate: (scope: ReadonlyMap<string, number>) => number | undefined;
}

/** Why a formula was refused, and where: `position` is the 0-based character index in the formula text. */
export interface FormulaProblem {
  readonly position: number;
  readonly message: string;
}

/** The outcome of {@link compileFormula}. */
export type FormulaCompilation =
  | { readonly success: true; readonly formula: CompiledFormula }
  | { readonly success: false; readonly problem: FormulaProblem };

interface Token {
  readonly kind: "number" | "name";
  readonly text: string;
  readonly position: number;
}

const FUNCTION_ARITY: Readonly<Record<(typeof FORMULA_FUNCTIONS)[number], readonly [number, number]>> = {
  min: [1, 64],
  max: [1, 64],
  abs: [1, 1],
  round: [1, 2],
  sqrt: [1, 1],
  log: [1, 2],
  exp: [1, 1],
  pow: [2, 2],
};
const OPERATORS: Readonly<Record<string, string>> = {
  add: "+",
  subtract: "-",
  multiply: "*",
  divide: "/",
  pow: "^",
  unaryMinus: "-",
  unaryPlus: "+",
};
const ALLOWED = `numbers, field names, + - * / ^, parentheses and the functions ${FORMULA_FUNCTIONS.join(", ")}`;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

function isFunctionName(name: string): name is (typeof FORMULA_FUNCTIONS)[number] {
  return (FORMULA_FUNCTIONS as readonly string[]).includes(name);
}

function fail(position: number, message: string): FormulaCompilation {
  return { success: false, problem: { position, message } };
}

/**
 * Checks and compiles a formula such as `contacts_per_year * deflection_rate * cost_per_contact`.
 *
 * Three gates, each naming the character position of what it refuses:
 * 1. a scan of the text: only numbers, names, `+ - * / ^ ( ) ,` and spaces; a name followed by `(` must be one
 *    of {@link FORMULA_FUNCTIONS}, any other name a known field; parentheses nest at most
 *    {@link FORMULA_MAX_DEPTH} deep; at most {@link FORMULA_MAX_LENGTH} characters. So `a.constructor`,
 *    `a["__proto__"]`, `import(...)`, `evaluate("...")`, `f(x) = ...` never reach the parser.
 * 2. mathjs's parser, in a locked-down instance (see `lockedMath`).
 * 3. a walk of the parsed tree that allows only constants (finite numbers), field symbols, the operators
 *    `+ - * / ^` (binary and unary minus/plus), parentheses and whitelisted calls with their arity; constant
 *    exponents at most {@link FORMULA_MAX_EXPONENT} in size; tree depth at most {@link FORMULA_MAX_DEPTH}.
 *
 * @param text - the formula
 * @param knownFields - the field names it may read
 * @returns the compiled formula, or the first problem with its position
 * @example
 * const result = compileFormula("a * max(b, 2)", new Set(["a", "b"]));
 * if (result.success) result.formula.evaluate(new Map([["a", 3], ["b", 1]])); // 6
 */
export function compileFormula(text: string, knownFields: ReadonlySet<string>): FormulaCompilation {
  if (text.length > FORMULA_MAX_LENGTH) {
    return fail(
      FORMULA_MAX_LENGTH,
      `expected at most ${FORMULA_MAX_LENGTH} characters, received ${text.length}`,
    );
  }
  const scanned = scan(text, knownFields);
  if ("message" in scanned) return { success: false, problem: scanned };
  let node: MathNode;
  try {
    node = lockedMath().parse(text);
  } catch (error) {
    const position = (error as { char?: unknown }).char;
    return fail(typeof position === "number" ? Math.max(0, position - 1) : 0, describeError(error));
  }
  const walk = createWalk(scanned);
  const problem = walk(node, 1);
  if (problem !== undefined) return { success: false, problem };
  const compiled = node.compile();
  const fields = [
    ...new Set(scanned.filter((t) => t.kind === "name" && knownFields.has(t.text)).map((t) => t.text)),
  ];
  return {
    success: true,
    formula: {
      fields,
      evaluate: (scope) => {
        // A fresh Map holding only this formula's fields: the scope never exposes anything else.
        const values = new Map(fields.map((field) => [field, scope.get(field)]));
        let result: unknown;
        try {
          result = compiled.evaluate(values);
        } catch {
          // e.g. a field named like a function, called: `max(1, 2)` with a field `max` in scope.
          return undefined;
        }
        return typeof result === "number" && Number.isFinite(result) ? result : undefined;
      },
    },
  };
}

/** Gate 1: the tokens worth locating later (numbers and names), or the first problem. */
function scan(text: string, knownFields: ReadonlySet<string>): Token[] | FormulaProblem {
  const tokens: Token[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    NUMBER.lastIndex = i;
    NAME.lastIndex = i;
    const number = /[\d.]/.test(char) ? NUMBER.exec(text) : null;
    const name = number === null ? NAME.exec(text) : null;
    if (number !== null) {
      tokens.push({ kind: "number", text: number[0], position: i });
      i += number[0].length;
    } else if (name !== null) {
      const word = name[0];
      const next = text.slice(i + word.length).trimStart()[0];
      if (next === "(" && !isFunctionName(word)) {
        return {
          position: i,
          message: `expected one of the functions ${FORMULA_FUNCTIONS.join(", ")}, received "${word}("`,
        };
      }
      if (next !== "(" && !knownFields.has(word)) {
        const hint = suggestNearest(word, knownFields);
        return {
          position: i,
          message: `expected a known field, received "${word}"${hint ? ` (did you mean "${hint}"?)` : ""}`,
        };
      }
      tokens.push({ kind: "name", text: word, position: i });
      i += word.length;
    } else if ("+-*/^,".includes(char)) {
      i++;
    } else if (char === "(") {
      depth++;
      if (depth > FORMULA_MAX_DEPTH) {
        return { position: i, message: `expected parentheses nested at most ${FORMULA_MAX_DEPTH} deep` };
      }
      i++;
    } else if (char === ")") {
      depth--;
      if (depth < 0) return { position: i, message: `expected ")" only after a matching "(", received ")"` };
      i++;
    } else {
      const what = char === "." ? " (property access is not allowed)" : "";
      return { position: i, message: `expected ${ALLOWED}, received ${JSON.stringify(char)}${what}` };
    }
  }
  return tokens;
}

/**
 * Gate 3. The tree is visited left to right, so its constants, symbols and function names come in the
 * same order as the scanned number and name tokens: a cursor over the tokens gives each node its position.
 */
function createWalk(tokens: readonly Token[]): (node: MathNode, depth: number) => FormulaProblem | undefined {
  let cursor = 0;
  const take = (): Token | undefined => tokens[cursor++];
  const here = () => tokens[Math.min(cursor, tokens.length - 1)]?.position ?? 0;
  const walk = (node: MathNode, depth: number): FormulaProblem | undefined => {
    if (depth > FORMULA_MAX_DEPTH) {
      return { position: here(), message: `expected an expression nested at most ${FORMULA_MAX_DEPTH} deep` };
    }
    switch (node.type) {
      case "ConstantNode": {
        const token = take();
        const value: unknown = (node as unknown as { value: unknown }).value;
        if (token?.kind !== "number" || typeof value !== "number" || !Number.isFinite(value)) {
          return {
            position: token?.position ?? here(),
            message: `expected a finite number or a field, received ${token ? `"${token.text}"` : String(value)}`,
          };
        }
        return undefined;
      }
      case "SymbolNode": {
        const token = take();
        const name = (node as unknown as { name: string }).name;
        // The scan already checked the name against the known fields; the token must be that same name.
        if (token?.kind !== "name" || token.text !== name) {
          return {
            position: token?.position ?? here(),
            message: `expected a known field, received "${name}"`,
          };
        }
        return undefined;
      }
      case "ParenthesisNode":
        return walk((node as unknown as { content: MathNode }).content, depth + 1);
      case "OperatorNode": {
        const { fn, args } = node as unknown as { fn: string; args: MathNode[] };
        const symbol = OPERATORS[fn];
        const unary = fn === "unaryMinus" || fn === "unaryPlus";
        if (symbol === undefined || args.length !== (unary ? 1 : 2)) {
          return {
            position: here(),
            message: `expected only the operators + - * / ^, received "${(node as unknown as { op: string }).op}"`,
          };
        }
        for (const arg of args) {
          const problem = walk(arg, depth + 1);
          if (problem !== undefined) return problem;
        }
        return fn === "pow" ? checkExponent(args[1]!, tokens[cursor - 1]) : undefined;
      }
      case "FunctionNode": {
        const { fn, args } = node as unknown as { fn: MathNode; args: MathNode[] };
        const token = take();
        const name = fn.type === "SymbolNode" ? (fn as unknown as { name: string }).name : "";
        if (token?.kind !== "name" || token.text !== name || !isFunctionName(name)) {
          return {
            position: token?.position ?? here(),
            message: `expected one of the functions ${FORMULA_FUNCTIONS.join(", ")}, received "${name || fn.type}"`,
          };
        }
        const [least, most] = FUNCTION_ARITY[name];
        if (args.length < least || args.length > most) {
          const expected =
            least === most ? `${least}` : most >= 64 ? `at least ${least}` : `${least} or ${most}`;
          return {
            position: token.position,
            message: `expected ${expected} argument(s) to ${name}, received ${args.length}`,
          };
        }
        for (const arg of args) {
          const problem = walk(arg, depth + 1);
          if (problem !== undefined) return problem;
        }
        return name === "pow" ? checkExponent(args[1]!, tokens[cursor - 1]) : undefined;
      }
      default:
        return { position: here(), message: `expected ${ALLOWED}, received a ${node.type}` };
    }
  };
  return walk;
}

/** Refuses a constant exponent beyond {@link FORMULA_MAX_EXPONENT} (`10 ^ 400`, `2 ^ -500`). */
function checkExponent(exponent: MathNode, lastToken: Token | undefined): FormulaProblem | undefined {
  let node = exponent;
  while (
    node.type === "ParenthesisNode" ||
    (node.type === "OperatorNode" && (node as unknown as { args: MathNode[] }).args.length === 1)
  ) {
    node =
      node.type === "ParenthesisNode"
        ? (node as unknown as { content: MathNode }).content
        : (node as unknown as { args: MathNode[] }).args[0]!;
  }
  if (node.type !== "ConstantNode") return undefined;
  const value = (node as unknown as { value: number }).value;
  if (Math.abs(value) <= FORMULA_MAX_EXPONENT) return undefined;
  return {
    position: lastToken?.position ?? 0,
    message: `expected an exponent of at most ${FORMULA_MAX_EXPONENT} in size, received ${value}`,
  };
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `expected a well-formed formula: ${message.replace(/\s*\(char \d+\)$/, "")}`;
}
