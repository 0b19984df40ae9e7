/** The shapes the app reads from `/v1`, as far as it uses them. */

export interface Level {
  readonly label?: string;
  readonly description?: string;
}

export interface Criterion {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly axis: "value" | "feasibility";
  readonly weight: number;
  readonly direction?: "benefit" | "cost";
  readonly scale: { readonly min: number; readonly max: number } | { readonly labels: readonly string[] };
  readonly levels?: readonly (string | Level)[];
  readonly formula?: string;
}

export interface Model {
  readonly id: string;
  readonly name: string;
  readonly criteria: readonly Criterion[];
  readonly [key: string]: unknown;
}

export interface Portfolio {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly model: Model;
  readonly version: number;
}

export interface Initiative {
  readonly id: string;
  readonly name: string;
  readonly category?: string;
  readonly description?: string;
  readonly cost?: number;
}

export type Phase = "rating" | "revealed" | "closed";

export interface Workshop {
  readonly phase: Phase;
  readonly named: boolean;
  readonly round: number;
  readonly reopened: readonly string[];
  readonly version: number;
  readonly you: { readonly role: "owner" | "rater" | "viewer"; readonly rater?: string };
}

export interface Progress {
  readonly phase: Phase;
  readonly round: number;
  readonly reopened: readonly string[];
  readonly version: number;
  readonly raters: readonly { rater: string; rated: number; initiatives: readonly string[] }[];
}

export interface Result {
  readonly id: string;
  readonly name: string;
  readonly value: number;
  readonly feasibility: number;
  readonly priority: number;
  readonly quadrant: string;
  readonly rank: number;
  readonly raters: number;
  readonly contributions: {
    readonly value: Record<string, number>;
    readonly feasibility: Record<string, number>;
  };
}

export interface Spread {
  readonly initiative: string;
  readonly name: string;
  readonly criterion: string;
  readonly ratings: readonly { rater: string; rating: number | string; value: number }[];
  readonly discuss: boolean;
  readonly impact: {
    readonly quadrantChanges: boolean;
    readonly rankAtLowest: number;
    readonly rankAtHighest: number;
  } | null;
}

export interface Discussion {
  readonly discuss: readonly Spread[];
  readonly agreement: { readonly w: number | null; readonly raters: number } | null;
}

export interface ScoreAnswer {
  readonly results: readonly Result[];
  readonly discussion?: Discussion;
}

export interface Invite {
  readonly id: string;
  readonly role: "rater" | "viewer";
  readonly rater?: string;
  readonly label: string;
  readonly revokedAt?: string;
  readonly key?: string;
  readonly link?: string;
}
