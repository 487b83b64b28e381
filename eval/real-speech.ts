import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type DriverTurn, runConversation } from './driver.js';

/**
 * `npm run eval:real-speech [-- --out DIR]`: the offline coach over real and messy client speech.
 *
 * Sets: the client turns of the 57 AnnoMI development conversations (`../shared/data/annomi-dev-dialogues.jsonl`,
 * or `ANNOMI_DIALOGUES_PATH`; empty turns skipped, at most 14 per conversation), and the scripted clients of
 * `eval/clients-messy-dev` and `eval/clients-messy-holdout`. Each conversation runs through the very driver
 * `npm run eval:coach` uses (`eval/driver.ts`).
 *
 * Writes one blind transcript per conversation to DIR/<set>/<id>.md (default DIR: /tmp/rapport-transcripts),
 * "Client: …" / "Coach: …" and nothing else; automatic surface-defect figures per set, over coach replies after
 * the first, to DIR/surface-defects.md (with up to five examples per kind for every set) and between the markers
 * of docs/real-speech.md (examples only for the sets developers may read). The word lists are data:
 * `eval/surface-defects.json`.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MAX_ANNOMI_TURNS = 14;
const EXAMPLES_PER_KIND = 5;

// ---------------------------------------------------------------------------------------------
// Conversations

interface Conversation {
  id: string;
  messages: string[];
}

interface ConversationSet {
  name: 'annomi' | 'messy-dev' | 'messy-holdout' | 'messy-holdout2' | 'messy-holdout3' | 'messy-holdout4' | 'messy-holdout5' | 'messy-holdout6' | 'messy-holdout7' | 'messy-holdout8' | 'messy-holdout9' | 'messy-holdout10' | 'messy-holdout11' | 'messy-holdout12' | 'messy-holdout13' | 'messy-holdout15' | 'messy-holdout16' | 'messy-holdout17' | 'messy-holdout18' | 'messy-holdout19' | 'messy-holdout20' | 'messy-holdout21';
  source: string;
  /** Whether developers may read this set's replies (its examples go into the committed page). */
  readable: boolean;
  conversations: Conversation[];
}

const AnnomiLine = z.object({
  transcript: z.union([z.number(), z.string()]),
  turns: z.array(z.object({ role: z.string(), text: z.string().nullable().optional() })),
});

function loadAnnomi(path: string): Conversation[] {
  if (!existsSync(path)) throw new Error(`AnnoMI dialogues not found at ${path} (set ANNOMI_DIALOGUES_PATH)`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = AnnomiLine.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${index + 1}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      const messages = parsed.data.turns
        .filter((turn) => turn.role === 'client')
        .map((turn) => (turn.text ?? '').trim())
        .filter((text) => text !== '')
        .slice(0, MAX_ANNOMI_TURNS);
      const id = typeof parsed.data.transcript === 'number' ? String(parsed.data.transcript).padStart(3, '0') : parsed.data.transcript;
      return { id, messages };
    })
    .filter((conversation) => conversation.messages.length > 0);
}

/** Lenient: only `messages` is needed; `id`, `truth` and any other fields are optional or ignored. */
const ScriptedClient = z.object({ id: z.string().optional(), messages: z.array(z.unknown()) }).passthrough();

function loadScripted(directory: string): Conversation[] {
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = ScriptedClient.safeParse(JSON.parse(readFileSync(join(directory, file), 'utf8')));
      if (!parsed.success) throw new Error(`${join(directory, file)}: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      const messages = parsed.data.messages.filter((message): message is string => typeof message === 'string').map((message) => message.trim()).filter((message) => message !== '');
      return { id: parsed.data.id ?? basename(file, '.json'), messages };
    })
    .filter((conversation) => conversation.messages.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Surface defects

const DefectLists = z.object({
  fillers: z.object({
    words: z.array(z.string()),
    setOff: z.array(z.string()),
    parenthetical: z.array(z.string()),
    repeatedWordsAllowed: z.array(z.string()),
    hyphenPrefixesAllowed: z.array(z.string()),
    marks: z.array(z.string()),
  }),
  chatSpelling: z.object({ words: z.array(z.string()) }),
  danglingEnd: z.object({ always: z.array(z.string()), inStatements: z.array(z.string()), allowedEndings: z.array(z.string()), questionWords: z.array(z.string()), thatAfter: z.array(z.string()) }),
  emptyPart: z.object({ words: z.array(z.string()), fillerAfterColon: z.array(z.string()) }),
  repeat: z.object({ window: z.number().int().min(1), minWords: z.number().int().min(1) }),
});
type DefectLists = z.infer<typeof DefectLists>;

const KINDS = ['filler', 'chat', 'dangling', 'empty', 'repeat'] as const;
type Kind = (typeof KINDS)[number];
const KIND_LABELS: Record<Kind, string> = {
  filler: 'filler, stutter or transcription mark echoed',
  chat: 'chat spelling or slang',
  dangling: 'dangling end (last sentence or a quote cut mid-clause)',
  empty: 'empty statement part',
  repeat: "sentence repeated from the coach's last 4 replies",
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const phrasePattern = (phrase: string) => escape(phrase).replace(/\\?\s+/g, '\\s+');
const normalise = (text: string) => text.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
const lower = (words: string[]) => new Set(words.map((word) => word.toLowerCase()));

/** Sentences of a reply: split after . ! ? … (and any closing quote) and at line breaks. */
function sentences(text: string): string[] {
  return normalise(text)
    .split(/(?<=[.!?…]["')]*)\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[A-Za-z]/.test(sentence));
}

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z0-9]+(?:['-][a-z0-9]+)*/g) ?? [];

function buildChecks(lists: DefectLists) {
  const fillerWords = new RegExp(`(?<![\\w'-])(?:${lists.fillers.words.map(escape).join('|')})(?![\\w'-])`, 'i');
  const setOff = lists.fillers.setOff.map((phrase) => {
    const core = phrasePattern(phrase);
    return new RegExp(`(?:(?:[,;(]|--|—)\\s*${core}(?![\\w'])|(?<![\\w'])${core}\\s*(?:[,;)]|--|—))`, 'i');
  });
  const parenthetical = lists.fillers.parenthetical.map((phrase) => new RegExp(`,\\s*${phrasePattern(phrase)}\\s*,`, 'i'));
  const allowedRepeats = lower(lists.fillers.repeatedWordsAllowed);
  const hyphenPrefixes = lower(lists.fillers.hyphenPrefixesAllowed);
  const chatWords = lower(lists.chatSpelling.words);
  const always = lower(lists.danglingEnd.always);
  const inStatements = lower(lists.danglingEnd.inStatements);
  const questionWords = lower(lists.danglingEnd.questionWords);
  const thatAfter = lower(lists.danglingEnd.thatAfter);
  const emptyWords = lists.emptyPart.words.map((word) => new RegExp(`(?<![\\w])${escape(word)}(?![\\w])`, 'i'));
  const afterColon = lists.emptyPart.fillerAfterColon.map(escape).join('|');
  const emptyColon = new RegExp(`:\\s*(?:(?:${afterColon})\\s*)?(?:[.,;!?]|$)`, 'i');

  function filler(text: string): string | null {
    const t = normalise(text);
    const word = t.match(fillerWords);
    if (word) return word[0];
    for (const pattern of setOff) {
      const match = t.match(pattern);
      if (match) return match[0].trim();
    }
    for (const pattern of parenthetical) {
      const match = t.match(pattern);
      if (match) return match[0];
    }
    for (const mark of lists.fillers.marks) if (t.includes(mark)) return mark;
    const bracket = t.match(/\[[^\]]*\]/);
    if (bracket) return bracket[0];
    for (const match of t.matchAll(/(?<![\w'-])([a-z]{1,3})-\1[a-z']*(?![\w-])/gi)) {
      if (!hyphenPrefixes.has(match[1]!.toLowerCase())) return match[0];
    }
    const cutOff = t.match(/[A-Za-z]-\s+[A-Za-z]/);
    if (cutOff) return cutOff[0];
    for (const match of t.matchAll(/(?<![\w'])([A-Za-z']+)\s+\1(?![\w'])/gi)) {
      if (!allowedRepeats.has(match[0].toLowerCase().replace(/\s+/g, ' '))) return match[0];
    }
    return null;
  }

  function chat(text: string): string | null {
    const t = normalise(text).replace(/\b(?:i\.e\.|e\.g\.)/gi, ' ');
    for (const token of t.split(/[^A-Za-z0-9'-]+/)) {
      const bare = token.replace(/^'+|'+$/g, '');
      if (bare === '') continue;
      if (chatWords.has(bare.toLowerCase())) return bare;
      if (/^i(?:'[a-z]+)?$/.test(bare)) return bare;
    }
    return null;
  }

  /** Whether a sentence (or quoted stretch) ends on a word that leaves its clause open. */
  function danglingSentence(sentence: string, isQuote: boolean): string | null {
    const trimmed = sentence.trim();
    if (/(?:--|-|…|\.\.\.)["']?$/.test(trimmed) && isQuote) return trimmed.slice(-24);
    const words = wordsOf(trimmed);
    const last = words.at(-1);
    if (last === undefined) return null;
    const tail = words.slice(-4).join(' ');
    if (lists.danglingEnd.allowedEndings.some((ending) => ` ${words.join(' ')}`.endsWith(` ${ending.toLowerCase()}`))) return null;
    if (always.has(last)) return tail;
    const question = /\?["')]*$/.test(trimmed);
    const asked = words.slice(0, -1).some((word) => questionWords.has(word));
    if (inStatements.has(last) && !question && !asked) return tail;
    if (last === 'that' && words.length > 1 && thatAfter.has(words.at(-2)!)) return tail;
    return null;
  }

  function dangling(text: string): string | null {
    const all = sentences(text);
    const final = all.at(-1);
    if (final !== undefined) {
      const found = danglingSentence(final.replace(/"[^"]*"/g, 'QUOTE'), false);
      if (found) return found;
    }
    for (const match of normalise(text).matchAll(/"([^"]+)"/g)) {
      const quote = match[1]!.trim();
      const quoteSentences = sentences(quote);
      const end = quoteSentences.at(-1) ?? quote;
      const found = danglingSentence(end.replace(/[.!?]+$/, ''), true);
      if (found) return `"…${found}"`;
    }
    return null;
  }

  function empty(text: string): string | null {
    const t = normalise(text);
    const colon = t.match(emptyColon);
    if (colon) {
      const at = colon.index ?? 0;
      return t.slice(Math.max(0, at - 24), at + colon[0].length).trim();
    }
    if (/""|\(\s*\)/.test(t)) return '""';
    for (const pattern of emptyWords) {
      const match = t.match(pattern);
      if (match) return match[0];
    }
    return null;
  }

  const sentenceKey = (sentence: string) => wordsOf(sentence).join(' ');
  // The statement in quotes is shown again on purpose (after a change, at the close): not a repeat.
  const unquoted = (text: string) => text.replace(/["\u201c][^"\u201c\u201d]*["\u201d]/g, ' ');
  function repeat(text: string, previous: string[]): string | null {
    const earlier = new Set(previous.flatMap((reply) => sentences(unquoted(reply)).map(sentenceKey)));
    for (const sentence of sentences(unquoted(text))) {
      const key = sentenceKey(sentence);
      if (key.split(' ').length >= lists.repeat.minWords && earlier.has(key)) return sentence.replace(/^"|"$/g, '');
    }
    return null;
  }

  return { filler, chat, dangling, empty, repeat, window: lists.repeat.window };
}

// ---------------------------------------------------------------------------------------------
// Running and scoring

interface Example {
  id: string;
  reply: number;
  client: string;
  coach: string;
  match: string;
}

interface SetFigures {
  name: ConversationSet['name'];
  source: string;
  readable: boolean;
  conversations: number;
  clientTurns: number;
  unsent: number;
  replies: number;
  withDefect: number;
  counts: Record<Kind, number>;
  examples: Record<Kind, Example[]>;
}

function transcript(turns: DriverTurn[]): string {
  return `${turns.map((turn) => `${turn.role === 'coach' ? 'Coach' : 'Client'}: ${turn.text.trim()}`).join('\n\n')}\n`;
}

const clip = (text: string, length: number) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
};

async function runSet(set: ConversationSet, outDirectory: string, checks: ReturnType<typeof buildChecks>): Promise<SetFigures> {
  const folder = join(outDirectory, set.name);
  mkdirSync(folder, { recursive: true });
  const figures: SetFigures = {
    name: set.name,
    source: set.source,
    readable: set.readable,
    conversations: set.conversations.length,
    clientTurns: 0,
    unsent: 0,
    replies: 0,
    withDefect: 0,
    counts: { filler: 0, chat: 0, dangling: 0, empty: 0, repeat: 0 },
    examples: { filler: [], chat: [], dangling: [], empty: [], repeat: [] },
  };
  // Candidates per kind; examples are picked afterwards, one per conversation first.
  const candidates: Record<Kind, Example[]> = { filler: [], chat: [], dangling: [], empty: [], repeat: [] };
  for (const conversation of set.conversations) {
    const result = await runConversation(conversation.messages);
    writeFileSync(join(folder, `${conversation.id}.md`), transcript(result.turns));
    const sent = result.turns.filter((turn) => turn.role === 'client').length;
    figures.clientTurns += sent;
    figures.unsent += conversation.messages.length - sent;
    const coachReplies: string[] = [];
    let lastClient = '';
    for (const turn of result.turns) {
      if (turn.role === 'client') {
        lastClient = turn.text;
        continue;
      }
      const previous = coachReplies.slice(-checks.window);
      coachReplies.push(turn.text);
      if (coachReplies.length === 1) continue; // the opening is not a reply to anything
      figures.replies++;
      const found: Partial<Record<Kind, string | null>> = {
        filler: checks.filler(turn.text),
        chat: checks.chat(turn.text),
        dangling: checks.dangling(turn.text),
        empty: checks.empty(turn.text),
        repeat: checks.repeat(turn.text, previous),
      };
      let any = false;
      for (const kind of KINDS) {
        const match = found[kind];
        if (!match) continue;
        any = true;
        figures.counts[kind]++;
        candidates[kind].push({ id: conversation.id, reply: coachReplies.length - 1, client: lastClient, coach: turn.text, match });
      }
      if (any) figures.withDefect++;
    }
  }
  for (const kind of KINDS) {
    const seen = new Set<string>();
    const first = candidates[kind].filter((example) => !seen.has(example.id) && seen.add(example.id));
    const rest = candidates[kind].filter((example) => !first.includes(example));
    figures.examples[kind] = [...first, ...rest].slice(0, EXAMPLES_PER_KIND);
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Reporting

const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);
const cell = (part: number, whole: number) => `${part} (${percent(part, whole)})`;

function figuresTable(all: SetFigures[]): string[] {
  const head = `| figure | ${all.map((set) => set.name).join(' | ')} | aim |`;
  const rule = `|---|${all.map(() => '---').join('|')}|---|`;
  return [
    head,
    rule,
    `| conversations | ${all.map((set) => set.conversations).join(' | ')} | — |`,
    `| client turns sent (not sent: the session had already closed) | ${all.map((set) => `${set.clientTurns}${set.unsent > 0 ? ` (${set.unsent})` : ''}`).join(' | ')} | — |`,
    `| coach replies scored (after the first) | ${all.map((set) => set.replies).join(' | ')} | — |`,
    `| **replies with any surface defect** | ${all.map((set) => `**${cell(set.withDefect, set.replies)}**`).join(' | ')} | ≤ 2% |`,
    ...KINDS.map((kind) => `| ${KIND_LABELS[kind]} | ${all.map((set) => cell(set.counts[kind], set.replies)).join(' | ')} | — |`),
  ];
}

function examplesSection(set: SetFigures): string[] {
  const lines = [`#### ${set.name}`, ''];
  for (const kind of KINDS) {
    if (set.examples[kind].length === 0) continue;
    lines.push(`${KIND_LABELS[kind]} (${set.counts[kind]}):`, '');
    for (const example of set.examples[kind]) {
      lines.push(`- \`${example.id}\`, reply ${example.reply}, flagged \`${example.match.replace(/`/g, "'").replace(/\s+/g, ' ')}\`. Client: “${clip(example.client, 160)}” → Coach: “${clip(example.coach, 320)}”`);
    }
    lines.push('');
  }
  if (lines.length === 2) lines.push('No defects found.', '');
  return lines;
}

const COMMAND = 'npm run eval:real-speech [-- --out DIR]';

function reportFile(all: SetFigures[], outDirectory: string): string {
  return [
    '# Surface defects on real and messy speech',
    '',
    `Made with \`${COMMAND}\`; transcripts in \`${outDirectory}/<set>/<id>.md\`. Counted over coach replies after the first; a reply counts once per kind and once in "any".`,
    '',
    ...figuresTable(all),
    '',
    '## Examples (up to five per kind, one per conversation first)',
    '',
    'This file holds examples of the held-out set too: it is for the lead and the blind reader, not for developers.',
    '',
    ...all.flatMap(examplesSection),
  ].join('\n');
}

/** Which code the figures describe: the commit, and whether the coach's code or content had uncommitted changes. */
function codeVersion(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'server', 'content') !== '';
    return `commit \`${commit}\`${dirty ? ' with uncommitted changes in `server/` or `content/`' : ''}`;
  } catch {
    return 'an unknown commit';
  }
}

const DOC_START = '<!-- real-speech:start -->';
const DOC_END = '<!-- real-speech:end -->';

function docBlock(all: SetFigures[]): string {
  const readable = all.filter((set) => set.readable);
  const hidden = all.filter((set) => !set.readable).map((set) => `\`${set.name}\``);
  return [
    DOC_START,
    '## Surface defects (automatic)',
    '',
    `Last run on ${codeVersion()}.`,
    '',
    'Coach replies after the first (the welcome answers nothing), one count per reply and kind; "any" counts a reply once however many kinds it shows. The aim (issue 12) is ≤ 2% on the sets not tuned on.',
    '',
    ...figuresTable(all),
    '',
    '### Examples',
    '',
    `Up to five per kind, one per conversation first.${hidden.length > 0 ? ` The examples of ${hidden.join(', ')} are not copied here, so that developers do not read them; they are in \`<DIR>/surface-defects.md\` of the run.` : ''}`,
    '',
    ...readable.flatMap(examplesSection),
    DOC_END,
  ].join('\n');
}

const DOC_HEAD = `# The coach on real speech

How the offline coach copes with how people really talk and type (issue 12, item 8).

## Command

\`\`\`
${COMMAND}
\`\`\`

Runs in well under a minute. It runs every conversation below through the offline coach with the
same driver as \`npm run eval:coach\` (\`eval/driver.ts\`: the server's own turn loop and offline phrasing;
a session stops taking turns once it has closed), and writes:

- one transcript per conversation to \`DIR/<set>/<id>.md\` (default DIR \`/tmp/rapport-transcripts\`):
  "Client: …" and "Coach: …" lines and nothing else (no labels, moves, steps or internal names), so that
  a blind reader sees only the conversation. AnnoMI ids are the transcript numbers, zero-padded;
- \`DIR/surface-defects.md\`: the figures below with up to five examples per defect kind for every set;
- the figures into this page, between its markers. The rest of this page is not touched.

\`ANNOMI_DIALOGUES_PATH\` overrides where the AnnoMI conversations are read from.

## The sets

| set | what it is | who has read it |
|---|---|---|
| \`annomi\` | The client turns of the 57 AnnoMI development conversations (\`../shared/data/annomi-dev-dialogues.jsonl\`): real, transcribed speech from motivational-interviewing sessions (fillers, restarts, cut-offs, "[laughs]", very short and very long turns). The client turns of each conversation in order, empty ones skipped, at most 14, as one coaching conversation; the therapist's turns are dropped. These clients answer a therapist, not our coach, so their turns rarely answer the question just asked: this set tests how the coach copes with real speech, not whether it reaches a statement. | Development data: the developers have read these conversations. |
| \`messy-dev\` | \`eval/clients-messy-dev/\`: scripted clients written without looking at the coach's code (terse, rambling, non-native, resistant, correcting, asking questions). | Written to be tuned on: developers read them and their transcripts. |
| \`messy-holdout\` | \`eval/clients-messy-holdout/\`: more clients of the same kinds, written the same way, kept aside. | Not read by developers, but read blind twice and quoted to the lead in those reports: no longer fully unseen. |
| \`messy-holdout2\` | \`eval/clients-messy-holdout2/\`: six more clients (terse and sceptical, rambling transcribed speech, two non-native voices, defensive, anxious and correcting), written 2026-12-06 by a writer who saw neither the code nor the other sets. | Never read by developers, but read blind three times and summarised to the lead in those reports: no longer fully unseen. |
| \`messy-holdout3\` | \`eval/clients-messy-holdout3/\`: six more clients (a terse chat typer, a non-native speaker, a rambling voice-to-text speaker, a resistant sceptic, a corrector, a question-asker), written 2026-12-06 (second session) by a writer who saw neither the code nor the other sets, copied in after the session's changes. | Never read by developers, but read blind twice (tenth and eleventh readings) and quoted to the lead, with generic fixes after: no longer fully unseen. |
| \`messy-holdout4\` | \`eval/clients-messy-holdout4/\`: six more clients (a voice-note dictater, a terse phone typer, a non-native speaker, a sceptic who questions the coach, a rambler, a precise corrector; a ferry engineer, a hospital porter, a school cook, a call-centre lead, a bakery owner, a stage manager), written 2026-12-06 (third session) by a writer who saw neither the code nor the other sets, copied in after the session's changes. | Never read by developers, but read blind once (twelfth reading) and quoted to the lead, who then used its false crisis alarms and its terse client's transcript for generic fixes: no longer unseen. |
| \`messy-holdout5\` | \`eval/clients-messy-holdout5/\`: seven more clients (a terse texter, a rambler, a non-native speaker, a sceptic, a corrector, an advice-seeker, a voice-note speaker; a bike courier, a salon owner, a care assistant, an electrician, a vet nurse, a dog groomer, a lorry driver), written 2026-12-06 (fifth session) by a writer who saw neither the code nor the other sets, copied in at the start of that session and not opened by developers. | Never opened by developers, but read blind once (thirteenth reading, 2026-12-06 sixth session) and quoted to the lead, who then used its false crisis alarms, its unanswered goodbyes and its unanswered questions about themselves for generic fixes: its thirteenth-reading figure is the fair one; later figures are not fully unseen (read again in the sixteenth reading; the lead read its advice seeker's, sceptic's and rambler's transcripts in the seventh session). |
| \`messy-holdout6\` | \`eval/clients-messy-holdout6/\`: seven more clients (a terse phone typer, a rambler, a non-native speaker, a sceptic, a precise corrector, a question asker, a voice-note speaker), written 2026-12-06 (sixth session) by a writer who saw neither the code nor the other sets, copied in during that session and not opened by developers. | Never opened by developers, but read blind once (fourteenth reading, 2026-12-06 sixth session) and quoted to the lead, who then used two of its defects ('6are' for 6am, 'Support: …' taken as the experiment) for generic fixes: its fourteenth-reading figure is the fair one; later figures are not fully unseen (read again in the fifteenth and sixteenth readings, and its question asker's, corrector's, non-native and terse clients' transcripts read by the lead in the seventh session). |
| \`messy-holdout7\` | \`eval/clients-messy-holdout7/\`: eight more clients (a terse phone typer, a rambler, a non-native speaker, a sceptic, a precise corrector, a question asker, a voice-note speaker, and a client with low mood and dark humour that is not a crisis), written 2026-12-06 (seventh session) by a writer who saw neither the code nor the other sets, copied in at the start of that session and not opened by developers. | Never opened by developers; read blind once (seventeenth reading, before and after that session's code: 88% and 87% of replies marked): that is the fair figure; later figures are not fully unseen. |
| \`messy-holdout8\` | \`eval/clients-messy-holdout8/\`: eight more clients (a terse typer, a rambler, a non-native speaker, a sceptic, a precise corrector, a question asker, a voice-note speaker, a stressed client whose dark everyday idioms are no crisis), written late in the seventh session (2026-12-06) by a writer who saw neither the code nor the other sets; not opened by developers. | Never opened by developers; read blind once at the end of that session (eighteenth reading): the fair figure. |
| \`messy-holdout9\` | \`eval/clients-messy-holdout9/\`: eight more clients (a terse typer, a rambler, a non-native speaker, a sceptic, a precise corrector, a question asker, a voice-note speaker, a stressed client in low mood whose dark everyday idioms are no crisis; a plumber, a hill farmer, a care assistant, a head chef, a potter, a librarian, a truck driver, a teacher), written at the start of the eighth session (2026-12-07) by a writer who saw neither the code nor the other sets; not opened by developers. | Never opened by developers; read blind once (twentieth reading, before and after that session's code: 73% and 73% of replies marked): that is the fair figure; then generic fixes were made from that reading's reports and it was read again (twenty-first: 74% before, 73% after): no longer unseen. |
| \`messy-holdout10\` | \`eval/clients-messy-holdout10/\`: eight more clients (a terse typer, a rambler, a non-native speaker, a sceptic, a corrector, a question asker, a voice-note speaker, a client in low mood whose dark idioms are no crisis; a sous chef, a librarian, a QA tester, a shift manager, an accountant, a designer, a nurse, a claims handler), written at the start of the ninth session (2026-12-07) by a writer who saw neither the code nor the other sets; not opened by developers. | Read blind once (twenty-third reading, before and after the session's first fixes: 80% and 78% of replies marked); the readers' reports then guided further fixes, and one of its transcripts was glimpsed by a developer in a diff: no longer unseen. |
| \`messy-holdout11\` | \`eval/clients-messy-holdout11/\`: eight more clients (a terse typer, a rambler, a non-native speaker, a sceptic, a corrector, a question asker, a voice-note speaker, a client in low mood whose dark idioms are no crisis; a bus driver, a museum curator, a pharmacist, a software tester, a team lead, a vet, a founder, a school caretaker), written in the ninth session (2026-12-07) by a writer who saw neither the code nor the other sets, after the first fixes of that session; not opened by developers. | Never opened by developers; read blind once (twenty-fourth reading: the session's start against its end): the fair figure of that session. |
| \`messy-holdout12\` | \`eval/clients-messy-holdout12/\`: eight more clients (a terse typer, a rambler, a non-native speaker, a sceptic, a corrector, a question asker, a voice-note speaker, a client in low mood whose dark idioms are no crisis; jobs and countries chosen by the writer), written at the start of the tenth session (2026-12-07) by a writer who saw neither the code nor the other sets; not opened by developers. | Read blind once (twenty-sixth reading: the session's start against its first change); a development set since, its transcripts opened to work on corrections and safety. |
| \`messy-holdout13\` | \`eval/clients-messy-holdout13/\`: eight more clients of the same eight kinds, written in the tenth session (2026-12-07), after its first changes, by another writer who saw neither the code nor the other sets; not opened by developers. | Never opened by developers; read blind once (twenty-seventh reading: the session's start against its end), the fair figure of the tenth session. |
| \`messy-holdout15\` | \`eval/clients-messy-holdout15/\`: eight more clients (a terse chat typer, a voice-to-text rambler, a non-native speaker, a sceptic, a corrector, a question asker, a client in low mood in no danger, and one who gives most parts at once and asks to finish early; a courier, a dental hygienist, a hotel manager, an accountant, a UX designer, a pharmacist, a claims handler, a vet), written at the start of the eleventh session (2026-12-07) by a writer who saw neither the code nor the other sets; not opened by developers. | Never opened by developers; read blind once (twenty-eighth reading: the session's start against its first changes), the first fair figure of the eleventh session; a development set since. |
| \`messy-holdout16\` | \`eval/clients-messy-holdout16/\`: eight more clients of the same eight kinds (a barista, a dog groomer, a welder, a land surveyor, a physiotherapist, a lettings agent, a paralegal, a retail buyer), written in the middle of the eleventh session (2026-12-07) by a writer who saw neither the code nor the other sets; not opened by developers. | Never opened by developers; read blind once (twenty-ninth reading: the session's start against its end), the final fair figure of the eleventh session. |
| \`messy-holdout17\` | \`eval/clients-messy-holdout17/\`: eight more clients of the same eight kinds (a scaffolder, a teaching assistant, a chef, a rail signaller, a librarian, a copywriter, a print technician, a data analyst), written at the start of the twelfth session (2026-12-07) by a writer who saw neither the code nor the other sets; not opened by developers before their reading. | Read blind once (thirty-second reading: the session's start against its end), the twelfth session's fair figure; a development set from then on. |
| \`messy-holdout18\` | \`eval/clients-messy-holdout18/\`: eight more clients of the same eight kinds (a forklift driver, a school cook, a dairy milker, a bus driver, a night carer, an apprentice plumber, a postie, a transport planner), written at the start of the thirteenth session (2026-12-07) by a writer who saw neither the code nor the other sets; not opened by developers before their reading. | Read blind once (thirty-fourth reading: the session's start against its end), the thirteenth session's fair figure; a development set from then on. |
| \`messy-holdout19\` | \`eval/clients-messy-holdout19/\`: eight more clients of the same eight kinds (a lifeguard, a florist, a welder, a farrier, a pharmacist, an electrician, a dog groomer, a midwife), written at the start of the fourteenth session (2026-12-07) by a writer who saw neither the code nor the other sets; not opened by developers before their reading. | Read blind once (thirty-sixth reading: the session's start against its coach changes), the fourteenth session's fair figure; a development set from then on. |
| \`messy-holdout20\` | \`eval/clients-messy-holdout20/\`: eight more clients of the same eight kinds (a roofer, a community-radio manager, a sommelier, a court reporter, an airline first officer, a tailor, a customs officer, a winemaker), written at the start of the fifteenth session (2026-12-07) by a writer who saw neither the code nor the other sets; not opened by developers before their reading. | Read blind once (thirty-seventh reading: the session's start against its coach changes), the fifteenth session's fair figure; a development set from then on. |
| \`messy-holdout21\` | \`eval/clients-messy-holdout21/\`: eight more clients of the same eight kinds (a tattoo apprentice, a wedding planner, a nail technician, a driving instructor, a patent attorney, a level designer, a parking warden, an orthopaedic surgeon), written at the start of the sixteenth session (2026-12-08) by a writer who saw neither the code nor the other sets; not opened by developers before their reading. | Read blind once (thirty-ninth reading: the session's start against its coach changes), the sixteenth session's fair figure; a development set from then on. |

## The automatic checks

Word lists are data in \`eval/surface-defects.json\`; \`eval/real-speech.ts\` only applies them.

- **Filler, stutter or mark echoed**: um, uh, erm and the like; "you know", "I mean" (and, after the
  pronoun swap, "I know", "you mean") set off by commas or dashes; a repeated word ("I I") or a hyphen
  stutter ("you-you", "I-I"); a word cut off ("fruit- food"); "--"; anything in square brackets ("[laughs]").
- **Chat spelling or slang**: idk, tbh, u, ur, im, dont, cant and other missing apostrophes, gonna, wanna,
  gotta; a lowercase "i".
- **Dangling end**: the reply's last sentence ends on a function word (and, but, the, a, to, of, with, is,
  "think that" …; prepositions and verbs only in a sentence that is not a question and has no question
  word, so "Who do you work with?" and "That's what it is." pass), or a quoted stretch ends that way or in
  a cut-off.
- **Empty statement part**: a colon followed by nothing (": .", "by this: ."), or only by a filler word
  ("My first experiment: do."), empty quotes, or "unstated", "undefined", "null".
- **Repeated sentence**: a sentence of three words or more already said in one of the coach's last four
  replies (stock lines count; the statement in quotes, shown again after a change or at the close as
  issue 12 asks, does not).

These are surface checks: they can miss (an unpunctuated "you know") and can flag a sentence a person
would accept (a preposition ending a relative clause). The examples show what was flagged.
`;

const BLIND = `## Blind reading

Pending: to be filled in by the lead. A reader who has not seen the code or the change reads a sample
of the transcripts (made with the command above) with \`../shared/design/reading-rubric.md\` only and
marks each coach reply after the first: ungrammatical, unfaithful, poor move, repetitive; and per
conversation whether the client would take the final statement (yes / with edits / no). To report here:
rates per set (replies with each mark / replies read, and with any mark), the worst ten replies verbatim
with the client's turn before each, the best five, and which sets the code was tuned on
(\`annomi\` and \`messy-dev\`). Aim on the held-out sets (\`messy-holdout4\` first): ≤ 5% of replies judged unnatural or unfaithful.
`;

function writeDoc(all: SetFigures[]): void {
  const path = join(root, 'docs/real-speech.md');
  const block = docBlock(all);
  let document = existsSync(path) ? readFileSync(path, 'utf8') : `${DOC_HEAD}\n${DOC_START}\n${DOC_END}\n\n${BLIND}`;
  if (document.includes(DOC_START) && document.includes(DOC_END)) {
    document = document.slice(0, document.indexOf(DOC_START)) + block + document.slice(document.indexOf(DOC_END) + DOC_END.length);
  } else {
    document = `${document.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(path, document);
}

// ---------------------------------------------------------------------------------------------

function outDirectory(argv: string[]): string {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--out') {
      const value = argv[index + 1];
      if (value === undefined) throw new Error('--out needs a folder');
      return resolve(process.cwd(), value);
    }
    if (argument.startsWith('--out=')) return resolve(process.cwd(), argument.slice('--out='.length));
  }
  return '/tmp/rapport-transcripts';
}

async function main() {
  const started = performance.now();
  const out = outDirectory(process.argv.slice(2));
  const lists = DefectLists.parse(JSON.parse(readFileSync(join(root, 'eval/surface-defects.json'), 'utf8')));
  const checks = buildChecks(lists);
  const annomiPath = resolve(root, process.env.ANNOMI_DIALOGUES_PATH ?? '../shared/data/annomi-dev-dialogues.jsonl');
  const sets: ConversationSet[] = [
    { name: 'annomi', source: relative(root, annomiPath), readable: true, conversations: loadAnnomi(annomiPath) },
    { name: 'messy-dev', source: 'eval/clients-messy-dev', readable: true, conversations: loadScripted(join(root, 'eval/clients-messy-dev')) },
    { name: 'messy-holdout', source: 'eval/clients-messy-holdout', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout')) },
    { name: 'messy-holdout2', source: 'eval/clients-messy-holdout2', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout2')) },
    { name: 'messy-holdout3', source: 'eval/clients-messy-holdout3', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout3')) },
    { name: 'messy-holdout4', source: 'eval/clients-messy-holdout4', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout4')) },
    { name: 'messy-holdout5', source: 'eval/clients-messy-holdout5', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout5')) },
    { name: 'messy-holdout6', source: 'eval/clients-messy-holdout6', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout6')) },
    { name: 'messy-holdout7', source: 'eval/clients-messy-holdout7', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout7')) },
    { name: 'messy-holdout8', source: 'eval/clients-messy-holdout8', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout8')) },
    { name: 'messy-holdout9', source: 'eval/clients-messy-holdout9', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout9')) },
    { name: 'messy-holdout10', source: 'eval/clients-messy-holdout10', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout10')) },
    { name: 'messy-holdout11', source: 'eval/clients-messy-holdout11', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout11')) },
    { name: 'messy-holdout12', source: 'eval/clients-messy-holdout12', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout12')) },
    { name: 'messy-holdout13', source: 'eval/clients-messy-holdout13', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout13')) },
    { name: 'messy-holdout15', source: 'eval/clients-messy-holdout15', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout15')) },
    { name: 'messy-holdout16', source: 'eval/clients-messy-holdout16', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout16')) },
    { name: 'messy-holdout17', source: 'eval/clients-messy-holdout17', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout17')) },
    { name: 'messy-holdout18', source: 'eval/clients-messy-holdout18', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout18')) },
    { name: 'messy-holdout19', source: 'eval/clients-messy-holdout19', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout19')) },
    { name: 'messy-holdout20', source: 'eval/clients-messy-holdout20', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout20')) },
    { name: 'messy-holdout21', source: 'eval/clients-messy-holdout21', readable: false, conversations: loadScripted(join(root, 'eval/clients-messy-holdout21')) },
  ];
  const all: SetFigures[] = [];
  for (const set of sets) all.push(await runSet(set, out, checks));
  writeFileSync(join(out, 'surface-defects.md'), reportFile(all, out));
  writeDoc(all);
  // Figures only on the console: the held-out set's examples stay in the report file.
  process.stdout.write(`${figuresTable(all).join('\n')}\n\n`);
  for (const set of all) process.stdout.write(`${set.name}: ${set.conversations} transcripts in ${join(out, set.name)}\n`);
  process.stdout.write(`report with examples: ${join(out, 'surface-defects.md')}; figures and readable examples: docs/real-speech.md\n`);
  process.stdout.write(`done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

await main();
