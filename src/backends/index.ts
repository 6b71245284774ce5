/** `keras.backend`: choosing the backend that runs ops. */
export { setBackend, getBackend, listBackends, registerBackend } from "./registry.js";
export type { Backend, BinaryOp, UnaryOp, ReduceOp, DenseArgs } from "./backend.js";
export { clearSession } from "../engine/naming.js";
