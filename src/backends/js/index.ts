/**
 * The reference backend: pure TypeScript, no Node-only imports, runs in Node and browsers.
 */
import type { Backend } from "../backend.js";
import { binary } from "./binary.js";
import { cast, unary } from "./unary.js";
import { reduce } from "./reduce.js";
import { broadcastTo, transpose, where } from "./movement.js";
import { matmul } from "./matmul.js";
import { argReduce, cumulative } from "./scan.js";
import { concat, pad, slice } from "./copy.js";
import { gather, scatterAdd, sort, topK } from "./indexing.js";
import { dense, denseGrad, optimizerUpdate } from "./fused.js";
import { sparseCrossentropy, sparseCrossentropyGrad } from "./crossentropy.js";
import { softmaxLastAxis, softmaxLastAxisGrad } from "./softmax.js";

/** Creates the reference backend object. */
export function createJsBackend(): Backend {
  return {
    name: "js",
    cast,
    unary,
    binary,
    where,
    reduce,
    argReduce,
    cumulative,
    matmul,
    transpose,
    broadcastTo,
    slice,
    concat,
    pad,
    gather,
    scatterAdd,
    sort,
    topK,
    dense,
    denseGrad,
    optimizerUpdate,
    softmax: softmaxLastAxis,
    softmaxGrad: softmaxLastAxisGrad,
    sparseCrossentropy,
    sparseCrossentropyGrad,
  };
}
