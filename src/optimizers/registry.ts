/**
 * Name → class tables for optimizers and learning-rate schedules. Names match in Keras's
 * snake_case, camelCase and class-name spellings alike ("rmsprop", "RMSprop", "rms_prop").
 */
import { ValueError } from "../core/errors.js";

/** "ExponentialDecay", "exponential_decay", "exponentialDecay" → "exponentialdecay". */
function normalizeKey(name: string): string {
  return name.replace(/_/g, "").toLowerCase();
}

/**
 * A small registry of classes under their `className` (plus aliases), looked up case- and
 * underscore-insensitively.
 *
 * @example
 * ```ts
 * const table = new ClassTable<typeof SGD>("optimizer");
 * table.register("SGD", SGD);
 * table.lookup("sgd"); // SGD
 * ```
 */
export class ClassTable<C> {
  private readonly entries = new Map<string, { className: string; value: C }>();

  constructor(readonly kind: string) {}

  /** Registers `value` under `className` and any `aliases`. */
  register(className: string, value: C, aliases: readonly string[] = []): void {
    for (const key of [className, ...aliases]) this.entries.set(normalizeKey(key), { className, value });
  }

  /** Whether `name` is registered. */
  has(name: string): boolean {
    return this.entries.has(normalizeKey(name));
  }

  /** The class registered under `name`; a ValueError listing valid names otherwise. */
  lookup(name: string): C {
    const entry = this.entries.get(normalizeKey(name));
    if (!entry) {
      const valid = this.names();
      throw new ValueError(
        `Could not interpret ${this.kind} identifier: "${name}". Valid ${this.kind} names are: ${valid.join(", ")}.`,
        { kind: this.kind, received: name, valid },
      );
    }
    return entry.value;
  }

  /** The registered class names, sorted. */
  names(): string[] {
    return [...new Set([...this.entries.values()].map((e) => e.className))].sort();
  }
}
