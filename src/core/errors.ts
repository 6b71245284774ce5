/**
 * Typed errors. Each carries structured fields so callers (and tests) can inspect what went wrong
 * without parsing the message; messages follow Keras: what was received, what was expected, how to fix.
 */

/** Base class of every error keras-ts throws on purpose. */
export class KerasError extends Error {
  override name = "KerasError";
}

/** A value is invalid for reasons other than shape or dtype (Keras's ValueError). */
export class ValueError extends KerasError {
  override name = "ValueError";
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Incompatible or invalid shapes. `shapes` holds the offending shapes as given. */
export class ShapeError extends KerasError {
  override name = "ShapeError";
  constructor(
    message: string,
    readonly details: {
      op?: string;
      shapes?: readonly (readonly (number | null)[])[];
      [k: string]: unknown;
    } = {},
  ) {
    super(message);
  }
  get op(): string | undefined {
    return this.details.op;
  }
  get shapes(): readonly (readonly (number | null)[])[] | undefined {
    return this.details.shapes;
  }
}

/** An axis outside `[-rank, rank)`. */
export class AxisError extends ShapeError {
  override name = "AxisError";
  constructor(
    message: string,
    readonly axis: number,
    readonly rank: number,
    op?: string,
  ) {
    super(message, { op, axis, rank });
  }
}

/** A dtype that an op does not accept, or an unknown dtype name. */
export class DTypeError extends KerasError {
  override name = "DTypeError";
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Something asked of a backend that does not exist or cannot be used. */
export class BackendError extends KerasError {
  override name = "BackendError";
}

/** A symbolic tensor was used where a concrete value is needed. */
export class SymbolicValueError extends KerasError {
  override name = "SymbolicValueError";
}
