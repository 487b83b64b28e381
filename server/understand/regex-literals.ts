/**
 * A cheap necessary condition for a regular expression to match: the literal strings one of which
 * a text must contain for the expression to match it (within the match, or for a positive
 * lookaround, wherever that looks). The crisis patterns are a few dozen very large expressions, most of
 * them opening with a lookbehind or `\b(?:…)`, so V8 cannot skip ahead to a first character and
 * tries each at every position of every text: that was about 40 % of a client turn's CPU. A text
 * holding none of an expression's required strings cannot match it, so the expression need not run.
 *
 * Exact, never a guess: the strings are derived from the expression's syntax (literal runs of
 * each alternative; anything the analysis does not follow makes it give up and answer null, "no
 * requirement"), and `mayMatch` only ever says false for plain-ASCII text, where a
 * case-insensitive literal of ASCII letters can only match the same letters in either case.
 * Under /iu a few non-ASCII characters fold to ASCII ones (the Kelvin sign to k, the long s to s),
 * so for any other text it answers true and the expression runs as before.
 */

/** The alternatives one of which a node must match, when there are few; null: not a finite set of literals. */
type Exact = string[] | null;
interface Info {
  /** Every string this node can match (lower case), when it is a small finite set. */
  exact: Exact;
  /** Strings one of which a text must contain for this node to match in it; null: none known. */
  required: string[] | null;
}

/** The most alternatives followed through a cross product of literal pieces. */
const EXACT_LIMIT = 64;
const UNKNOWN: Info = { exact: null, required: null };
const EMPTY: Info = { exact: [''], required: null };

class Unsupported extends Error {}

/** How good a requirement is for skipping: its shortest string's length, fewer strings on a tie. */
function better(first: string[] | null, second: string[] | null): string[] | null {
  if (!second || second.some((text) => text === '')) return first;
  if (!first) return second;
  const shortest = (set: string[]) => Math.min(...set.map((text) => text.length));
  const a = shortest(first);
  const b = shortest(second);
  return b > a || (b === a && second.length < first.length) ? second : first;
}

function cross(left: string[], right: string[]): string[] | null {
  if (left.length * right.length > EXACT_LIMIT) return null;
  return [...new Set(left.flatMap((head) => right.map((tail) => head + tail)))];
}

function requiredOf(info: Info): string[] | null {
  return better(info.required, info.exact);
}

/** A recursive-descent reader of a JavaScript pattern in unicode mode ('u' flag), just far enough to find its literals. */
class Reader {
  private at = 0;
  constructor(private readonly source: string) {}

  read(): Info {
    const info = this.disjunction();
    if (this.at !== this.source.length) throw new Unsupported(`stopped at ${this.at}`);
    return info;
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  private disjunction(): Info {
    const alternatives = [this.sequence()];
    while (this.peek() === '|') {
      this.at += 1;
      alternatives.push(this.sequence());
    }
    if (alternatives.length === 1) return alternatives[0]!;
    const exacts = alternatives.map((info) => info.exact);
    const exact = exacts.every((set): set is string[] => set !== null) ? [...new Set(exacts.flat())] : null;
    const requireds = alternatives.map(requiredOf);
    const required = requireds.every((set): set is string[] => set !== null) ? [...new Set(requireds.flat())] : null;
    return { exact: exact && exact.length <= EXACT_LIMIT ? exact : null, required };
  }

  private sequence(): Info {
    let required: string[] | null = null;
    // The run of literal pieces read so far: every string it can be (a cross product).
    let run: string[] = [''];
    let whole: Exact = [''];
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const item = this.quantified();
      // A positive lookaround matches nothing, but what it asks for must be in the text.
      if (item.exact?.length === 1 && item.exact[0] === '') required = better(required, item.required);
      whole = whole && item.exact ? cross(whole, item.exact) : null;
      const joined = item.exact ? cross(run, item.exact) : null;
      if (joined) {
        run = joined;
        continue;
      }
      // The run ends here (the item is not a small literal set): it is required as it stands.
      required = better(required, run);
      required = better(required, requiredOf(item));
      run = item.exact ?? [''];
    }
    required = better(required, run);
    return { exact: whole, required };
  }

  private quantified(): Info {
    const atom = this.atom();
    const next = this.peek();
    let min: number;
    let max: number;
    if (next === '*' || next === '+' || next === '?') {
      this.at += 1;
      min = next === '+' ? 1 : 0;
      max = next === '?' ? 1 : Infinity;
    } else if (next === '{') {
      const bounds = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (!bounds) throw new Unsupported('brace');
      this.at += bounds[0].length;
      min = Number(bounds[1]);
      max = bounds[2] === undefined ? min : bounds[3] === '' ? Infinity : Number(bounds[3]);
    } else return atom;
    if (this.peek() === '?') this.at += 1; // lazy: the same strings
    if (min === 0 && max === 0) return EMPTY;
    if (min === 1 && max === 1) return atom;
    if (min === 0 && max === 1) return { exact: atom.exact ? [...new Set(['', ...atom.exact])] : null, required: null };
    if (min === 0) return UNKNOWN;
    // At least once: whatever one repetition requires, the whole does.
    return { exact: null, required: requiredOf(atom) };
  }

  private atom(): Info {
    const char = this.source[this.at]!;
    if (char === '(') return this.group();
    if (char === '[') {
      this.characterClass();
      return UNKNOWN;
    }
    if (char === '.') {
      this.at += 1;
      return UNKNOWN;
    }
    if (char === '^' || char === '$') {
      this.at += 1;
      return EMPTY; // zero-width: the characters either side are still next to each other
    }
    if (char === '\\') return this.escape();
    if (char === '*' || char === '+' || char === '?' || char === '{' || char === '}' || char === ']') throw new Unsupported(`stray ${char}`);
    this.at += 1;
    return literal(char);
  }

  private group(): Info {
    const rest = this.source.slice(this.at);
    const lookaround = /^\(\?(?:=|!|<=|<!)/.exec(rest);
    const opening = lookaround ?? /^\(\?:/.exec(rest) ?? /^\(\?<[A-Za-z_$][\w$]*>/.exec(rest) ?? /^\((?!\?)/.exec(rest);
    if (!opening) throw new Unsupported('group');
    this.at += opening[0].length;
    const inner = this.disjunction();
    if (this.peek() !== ')') throw new Unsupported('unclosed group');
    this.at += 1;
    // A lookaround consumes nothing: zero-width, like \b. A positive one still needs its own
    // words somewhere in the text, which is all a prefilter asks: they are kept as its requirement.
    if (!lookaround) return inner;
    return lookaround[0].includes('!') ? EMPTY : { exact: [''], required: requiredOf(inner) };
  }

  private characterClass(): void {
    this.at += 1;
    while (this.at < this.source.length && this.source[this.at] !== ']') this.at += this.source[this.at] === '\\' ? 2 : 1;
    if (this.source[this.at] !== ']') throw new Unsupported('unclosed class');
    this.at += 1;
  }

  private escape(): Info {
    const next = this.source[this.at + 1];
    if (next === undefined) throw new Unsupported('trailing backslash');
    this.at += 2;
    if (next === 'b' || next === 'B') return EMPTY;
    if (/[dDwWsS]/.test(next)) return UNKNOWN;
    if (next === 'p' || next === 'P') {
      const end = this.source.indexOf('}', this.at);
      if (end === -1) throw new Unsupported('property');
      this.at = end + 1;
      return UNKNOWN;
    }
    if (next === 'k') {
      const end = this.source.indexOf('>', this.at);
      if (end === -1) throw new Unsupported('named backreference');
      this.at = end + 1;
      return UNKNOWN;
    }
    if (/[1-9]/.test(next)) {
      while (/\d/.test(this.peek() ?? '')) this.at += 1;
      return UNKNOWN; // a backreference
    }
    if (next === 'u' || next === 'x' || next === 'c' || /[0fnrtv]/.test(next)) {
      // Control and code-point escapes: they stand for one character each, not followed here.
      if (next === 'u') this.at += this.peek() === '{' ? this.source.indexOf('}', this.at) - this.at + 1 : 4;
      else if (next === 'x') this.at += 2;
      else if (next === 'c') this.at += 1;
      return UNKNOWN;
    }
    // In unicode mode the only identity escapes are of syntax characters and '/'.
    if (/[\^$\\.*+?()[\]{}|/-]/.test(next)) return literal(next);
    throw new Unsupported(`escape \\${next}`);
  }
}

/** One literal character: followed when it is plain ASCII (see the module note on case folding). */
function literal(char: string): Info {
  if (char.charCodeAt(0) > 0x7f) return UNKNOWN;
  const lower = char.toLowerCase();
  return { exact: [lower], required: [lower] };
}

/**
 * The strings, one of which a text must contain (in lower case) for `regex` to match it, or null when the
 * pattern gives no such set (or uses syntax this reader does not follow).
 */
export function requiredLiterals(regex: RegExp): string[] | null {
  if (!regex.unicode) return null; // the reader follows unicode-mode syntax only
  try {
    const required = requiredOf(new Reader(regex.source).read());
    return required && required.every((text) => text.length > 0) ? required : null;
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

const PLAIN_ASCII = /^[\x00-\x7f]*$/;
/** Required strings are looked up by their first characters, this many (shorter ones are searched for whole). */
const KEY = 3;

/**
 * Which of many expressions may match a text, found in one pass over the text: every required
 * string of every expression is filed under its first three characters, and the text's three
 * characters at each position name the few strings to compare there. Asking each expression's
 * strings in turn with `includes` cost about as much as the expressions saved (a few thousand
 * strings over the crisis patterns).
 */
export class LiteralIndex {
  /** Expressions with no required strings (or not case-insensitive): they always run. */
  private readonly always: boolean[];
  private readonly byKey = new Map<string, Array<{ text: string; owner: number }>>();
  private readonly short: Array<{ text: string; owner: number }> = [];

  constructor(regexes: readonly RegExp[]) {
    this.always = regexes.map((regex, owner) => {
      // Required strings are kept in lower case, so only case-insensitive expressions are filtered.
      const required = regex.ignoreCase ? requiredLiterals(regex) : null;
      if (!required) return true;
      for (const text of required) {
        if (text.length < KEY) this.short.push({ text, owner });
        else {
          const key = text.slice(0, KEY);
          const filed = this.byKey.get(key);
          if (filed) filed.push({ text, owner });
          else this.byKey.set(key, [{ text, owner }]);
        }
      }
      return false;
    });
  }

  /**
   * For each expression, in the order given: false only when it cannot match `text` (the text is
   * plain ASCII and holds none of its required strings); true when it must be run to know.
   */
  mayMatch(text: string): boolean[] {
    const result = this.always.slice();
    if (!PLAIN_ASCII.test(text)) return result.fill(true);
    const form = text.toLowerCase();
    for (const { text: string, owner } of this.short) if (!result[owner] && form.includes(string)) result[owner] = true;
    for (let at = 0; at + KEY <= form.length; at++) {
      const filed = this.byKey.get(form.slice(at, at + KEY));
      if (!filed) continue;
      for (const { text: string, owner } of filed) if (!result[owner] && form.startsWith(string, at)) result[owner] = true;
    }
    return result;
  }
}
