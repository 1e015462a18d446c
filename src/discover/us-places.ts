import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { words } from './article.js';

interface StateRow {
  code: string;
  name: string;
  zone: string;
  aliases?: string[];
  cities?: Record<string, string>;
}

interface Table {
  states: StateRow[];
  cities: Record<string, string>;
  countries: Record<string, string>;
  elsewhere_too: string[];
}

export interface UsState {
  code: string;
  name: string;
  zone: string;
  /** Cities in the state's other zone (lower-case ASCII words) and their zone. */
  cities: [string, string][];
}

/**
 * The reviewed table data/us-time-zones.json: U.S. states with their IANA zone, the cities of
 * multi-zone states that lie in the other zone, big cities named without a state, and country
 * spellings the country package lacks. Loaded once, on first use.
 */
export class UsPlaces {
  private static loaded: UsPlaces | undefined;
  private readonly byName = new Map<string, UsState>();
  private readonly byCode = new Map<string, UsState>();
  private readonly cityState = new Map<string, UsState>();
  readonly extraCountries = new Map<string, string>();
  private readonly elsewhereToo: Set<string>;

  static get(): UsPlaces {
    UsPlaces.loaded ??= new UsPlaces(JSON.parse(readFileSync(tablePath(), 'utf8')) as Table);
    return UsPlaces.loaded;
  }

  private constructor(t: Table) {
    for (const r of t.states) {
      const s: UsState = { code: r.code, name: r.name, zone: r.zone, cities: Object.entries(r.cities ?? {}) };
      this.byCode.set(r.code, s);
      for (const n of [r.name, ...(r.aliases ?? [])]) this.byName.set(words(n), s);
    }
    for (const [city, code] of Object.entries(t.cities)) this.cityState.set(city, this.byCode.get(code)!);
    for (const [name, code] of Object.entries(t.countries)) this.extraCountries.set(words(name), code);
    this.elsewhereToo = new Set(t.elsewhere_too);
  }

  /** A big U.S. city that is not also a city abroad, as the last part of an affiliation without a country. */
  onlyUsCity(part: string): UsState | undefined {
    const w = words(part);
    return this.elsewhereToo.has(w) ? undefined : this.cityState.get(w);
  }

  /** "MA", "Massachusetts", "Mass." -> the state; a two-letter code must be written in capitals. */
  state(part: string): UsState | undefined {
    const bare = part.replace(/\./g, '').trim();
    if (/^[A-Z]{2}$/.test(bare)) return this.byCode.get(bare);
    if (/^[A-Z] ?[A-Z]$/.test(bare)) return this.byCode.get(bare.replace(' ', ''));
    return this.byName.get(words(part));
  }

  /** A big city named without its state ("Boston, USA"). */
  cityOf(part: string): UsState | undefined {
    return this.cityState.get(words(part));
  }

  /** The state of the first big city named as whole words anywhere in the text. */
  cityIn(text: string): UsState | undefined {
    const w = ` ${words(text)} `;
    for (const [city, state] of this.cityState) if (w.includes(` ${city} `)) return state;
    return undefined;
  }

  /** The zone of a place in `state`: the other zone when the text names one of its cities (whole words). */
  zoneIn(state: UsState, text: string): string {
    if (state.cities.length === 0) return state.zone;
    const w = ` ${words(text)} `;
    for (const [city, zone] of state.cities) if (w.includes(` ${city} `)) return zone;
    return state.zone;
  }
}

/** data/us-time-zones.json at the package root (from src/ and from dist/src/). */
function tablePath(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'package.json')) && dirname(d) !== d) d = dirname(d);
  return join(d, 'data', 'us-time-zones.json');
}
