// Every property test draws from one fixed seed, so a run is the same run on every machine and a failure can
// be replayed; FC_SEED=<integer> explores another (fast-check prints the seed of any failure it finds).
import fc from "fast-check";

const seed = process.env.FC_SEED === undefined ? 20_261_201 : Number(process.env.FC_SEED);
if (!Number.isSafeInteger(seed))
  throw new Error(`FC_SEED: expected an integer, received ${process.env.FC_SEED}`);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
