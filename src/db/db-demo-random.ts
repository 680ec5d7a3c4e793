// Seeded randomness for the demo directory: sfc32 streams, weighted choices, stable UUIDs.

export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Standard normal (Box–Muller). */
  normal(): number;
};

export function fmix32(input: number): number {
  let h = Math.imul(input ^ (input >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// A class rather than closures: one member draws a fresh stream, 100,000 times per load.
class Sfc32 implements Random {
  private a = 0x9e3779b9;
  private b = 0x243f6a88;
  private c = 0xb7e15162;
  private d = 1;

  constructor(parts: readonly number[]) {
    for (const part of parts) {
      this.a = fmix32(this.a ^ part);
      this.b = fmix32(this.b ^ this.a);
      this.c = fmix32(this.c ^ this.b);
      this.d = fmix32(this.d ^ this.c);
    }
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }
}

/**
 * sfc32 whose state is mixed from every part (seed, stream, index): each member draws from its own
 * stream, so member 17 is the same whether 300 or 100,000 are drawn.
 */
export function createRandom(...parts: number[]): Random {
  return new Sfc32(parts);
}

/** Draws items with probability proportional to their weight (binary search over cumulative weights). */
export function weightedPicker<T>(items: readonly T[], weightOf: (item: T) => number): (random: Random) => T {
  const bounds: number[] = [];
  let total = 0;
  for (const item of items) {
    total += weightOf(item);
    bounds.push(total);
  }
  return (random) => {
    const x = random.next() * total;
    let [low, high] = [0, bounds.length - 1];
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((bounds[middle] as number) > x) high = middle;
      else low = middle + 1;
    }
    return items[low] as T;
  };
}

/** Draws keys with probability proportional to their value: `keyPicker({ sarl: 68, sas: 32 })`. */
export function keyPicker<K extends string>(weights: Readonly<Record<K, number>>): (random: Random) => K {
  return weightedPicker(Object.keys(weights) as K[], (key) => weights[key]);
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A version-4-shaped UUID from the stream: stable across loads, unlike gen_random_uuid(). */
export function uuidFrom(random: Random): string {
  let hex = '';
  for (let i = 0; i < 16; i++) {
    let byte = Math.floor(random.next() * 256);
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    if (i === 8) byte = (byte & 0x3f) | 0x80;
    hex += HEX[byte];
    if (i === 3 || i === 5 || i === 7 || i === 9) hex += '-';
  }
  return hex;
}

/** FNV-1a, finalised: spreads short keys such as département codes. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

export function digitsFrom(random: Random, length: number): string {
  let digits = '';
  for (let i = 0; i < length; i++) digits += String(random.int(0, 9));
  return digits;
}

/** A millisecond-precision instant in [fromMs, toMs). */
export const instantBetween = (random: Random, fromMs: number, toMs: number): Date =>
  new Date(fromMs + Math.floor(random.next() * (toMs - fromMs)));
