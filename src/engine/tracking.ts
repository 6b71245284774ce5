/**
 * Finding a layer's sublayers and variables by walking its own fields: values that are layers or
 * variables, and arrays, Maps, Sets and plain objects holding them (nested). No Proxy, no setters:
 * the walk happens when weights or layers are asked for, so TypeScript class fields (set after
 * `super()` returns) are found.
 */
import { Variable } from "../core/variable.js";
import { isPlainObject } from "./structure.js";

/** What a walk found, in field order, without duplicates. */
export interface Tracked<L> {
  layers: L[];
  variables: Variable[];
}

/**
 * Walks the own enumerable fields of `owner` (except those in `skip`).
 *
 * @example
 * ```ts
 * const { layers, variables } = walkFields(model, new Set(), (x): x is Layer => x instanceof Layer);
 * ```
 */
export function walkFields<L extends object>(
  owner: object,
  skip: ReadonlySet<string>,
  isLayer: (x: unknown) => x is L,
): Tracked<L> {
  const layers: L[] = [];
  const variables: Variable[] = [];
  const seen = new Set<unknown>([owner]);
  const visit = (value: unknown): void => {
    if (typeof value !== "object" || value === null || seen.has(value)) return;
    seen.add(value);
    if (isLayer(value)) layers.push(value);
    else if (value instanceof Variable) variables.push(value);
    else if (Array.isArray(value)) for (const v of value) visit(v);
    else if (value instanceof Map) for (const v of value.values()) visit(v);
    else if (value instanceof Set) for (const v of value) visit(v);
    else if (isPlainObject(value)) for (const v of Object.values(value)) visit(v);
  };
  for (const key of Object.keys(owner)) {
    if (!skip.has(key)) visit((owner as Record<string, unknown>)[key]);
  }
  return { layers, variables };
}
