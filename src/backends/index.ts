/** `keras.backend`: choosing the backend that runs ops. */
export { setBackend, getBackend, listBackends, registerBackend } from "./registry.js";
export type {
  Backend,
  BinaryOp,
  UnaryOp,
  ReduceOp,
  DenseArgs,
  DenseGradArgs,
  DenseGrads,
  OptimizerUpdate,
} from "./backend.js";
export { setNumThreads, getNumThreads, nativeInfo } from "./native/index.js";
export { clearSession } from "../engine/naming.js";
