/**
 * `npm run demo`: trains the seed's Fashion-MNIST MLP (Flatten → Dense 300 relu → Dense 100 relu →
 * Dense 10 softmax, SGD, sparse categorical cross-entropy) and reports the test accuracy.
 *   npm run demo -- --api sequential|functional|subclassing --epochs 30 [--backend js]
 */
import * as keras from "../src/index.js";
import { buildFunctional } from "./functional.js";
import { buildSequential } from "./sequential.js";
import { buildSubclassed } from "./subclassing.js";
import { flag, trainSeedModel } from "./train-seed.js";

const builders: Record<string, () => keras.Model> = {
  sequential: buildSequential,
  functional: buildFunctional,
  subclassing: buildSubclassed,
};
const api = flag("api", "sequential");
const build = builders[api];
if (!build) {
  console.error(`Unknown --api "${api}". Use one of: ${Object.keys(builders).join(", ")}.`);
  process.exit(2);
}
keras.backend.setBackend(flag("backend", keras.backend.getBackend()));
console.log(
  `keras-ts demo: the seed MLP (${api} API) on Fashion-MNIST, backend "${keras.backend.getBackend()}"`,
);
await trainSeedModel(build);
