/**
 * Indexing ops: take, takeAlongAxis, scatter, scatterUpdate, oneHot, sort, argsort, topK.
 * The shared gather/scatter-add machinery lives in indexing-core.ts (not part of the public API).
 */
export { take, takeAlongAxis } from "./indexing-take.js";
export { scatter, scatterUpdate, oneHot } from "./indexing-scatter.js";
export { sort, argsort, topK } from "./indexing-sort.js";
