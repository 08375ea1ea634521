import type { Lexicon } from '../core/lexicon.ts';
import { analyzeQuoted } from './analyze.ts';
import { type NeighbourIndex, nearest, neighbourIndex } from './labelled-neighbours.ts';
import { nameFeatures } from './name-features.ts';
import { type SeriesText, seriesKeys } from './series-key.ts';

/** An event as the model reads it: what it is called, where it lives on the web, what it says. */
export interface ModelText extends SeriesText {
  description: string | null;
  start: string | null;
  /** Labels the event already carries, if any. */
  topics?: string[];
}

/** A past or present event its source filed under topics (a sources entry's `topics`). */
export interface LabelledText extends ModelText {
  topics: string[];
}

/** A model that has learned nothing: a store without labelled history ranks by text and network alone. */
export const NO_TOPIC_MODEL: TopicModel = { examples: 0, guess: () => [] };

/** Why the model ties an event to a field, in words a person can check. */
export interface TopicGuess {
  field: string;
  /** 0..1: how sure the model is. */
  strength: number;
  /** The words, built only for the few events whose reasons are written. */
  because: () => string;
}

export interface TopicModel {
  /** How many labelled events it learned from; 0 means it knows nothing and guesses nothing. */
  examples: number;
  guess(event: ModelText): TopicGuess[];
}

/** Dirichlet prior of the word counts: a word seen once in a topic is a hint, not proof. */
const PRIOR = 1;
/** A word must be seen in this many labelled events of a topic before it speaks for it. */
const MIN_WORD_EVENTS = 2;
/**
 * A word speaks for a topic only when it is at least this many times likelier among the topic's events
 * than among the others' (as a log ratio): "conference" and "summit" are everywhere and tell nothing.
 */
const MIN_WORD_WEIGHT = Math.log(3);
/** Guesses below this strength are dropped: they would be noise in an explanation. */
const MIN_STRENGTH = 0.35;
/**
 * A rare topic's neighbours speak below MIN_STRENGTH when they make it this many times likelier than
 * its share of the labelled events (TypeScript is 2% of them: neighbours giving it 20% say a lot),
 * though never below MIN_RARE_STRENGTH.
 */
const RARE_LIFT = 10;
const MIN_RARE_STRENGTH = 0.1;
/** A topic that co-occurs with another this often (as a share of the other's events) is implied by it. */
const MIN_COOCCURRENCE = 0.25;
/** How many of the most alike labelled events vote on an event's fields. */
const NEIGHBOURS = 10;
/** Labelled events less alike than this (cosine of their names' features) are not neighbours. */
const MIN_SIMILARITY = 0.2;
/**
 * Votes are shares of the neighbours' similarity plus this much doubt: a field all of whose few, faintly
 * alike neighbours share it is a hint, not a certainty.
 */
const DOUBT = 0.5;
/** How much of a description the model reads (its start says what the event is). */
export const DESCRIPTION_CHARS = 600;

interface Series {
  /** Per field, how many editions were filed under it. */
  counts: Map<string, number>;
  editions: number;
  /** Per field, the editions filed under it ("enterJS 2025"), to quote one back. */
  editionsOf: Map<string, { name: string; start: string }[]>;
}

/**
 * Distinct content words of an event's description: prose, where words that separate one topic's events
 * from the others' speak (its name is compared whole, by its neighbours).
 */
export function descriptionWords(event: ModelText): Map<string, string> {
  const words = analyzeQuoted((event.description ?? '').slice(0, DESCRIPTION_CHARS));
  for (const word of words.keys()) if (/\d/.test(word) || word.length < 2) words.delete(word);
  return words;
}

/** The keys an event's series is remembered by: its name and its address. */
function seriesOf(event: SeriesText): string[] {
  const { name, site } = seriesKeys(event);
  return [name && `n:${name}`, site && `s:${site}`].filter((k): k is string => Boolean(k));
}

/** "enterJS 2025": how an edition is quoted back. */
function editionName(event: ModelText): string {
  return `${event.title} ${event.start ? event.start.slice(0, 4) : ''}`.trim();
}

const MAX_QUOTED_EDITIONS = 8;

/** "listed under TypeScript in earlier years: enterJS 2025", quoting the latest edition before this one. */
function seriesText(label: string, entry: Series, field: string, event: ModelText): string {
  const editions = entry.editionsOf.get(field)!;
  const start = event.start ?? '';
  const before = editions.filter((e) => e.start < start).sort((a, b) => b.start.localeCompare(a.start))[0];
  return before
    ? `listed under ${label} in earlier years: ${before.name}`
    : `listed under ${label} in other years: ${editions[0]!.name}`;
}

/** The fields an event's labels name, each once; an unknown label stands as its own field. */
export function labelFields(topics: string[], lexicon: Lexicon): string[] {
  return [...new Set(topics.map((t) => lexicon.fieldOf(t)).filter(Boolean))];
}

/**
 * Learns what the topics of labelled events mean, three ways: series memory (a conference filed under
 * TypeScript last year is TypeScript again this year, under the same name or address), neighbours (the
 * labelled events whose names are most alike vote with all their labels: "JCON OpenBlend" learns from
 * "JCON EUROPE", "CSSDAY" from "CSS Day"), and topics that come together (an event filed under JavaScript
 * is often filed under TypeScript too).
 */
export function learnTopicModel(labelled: Iterable<LabelledText>, lexicon: Lexicon): TopicModel {
  return topicModelFrom(learnTopicState(labelled, lexicon), lexicon);
}

/**
 * What the model learned, as plain data (maps, arrays, numbers): what a persisted ranking catalog keeps,
 * so that a new process explains learned guesses without reading the labelled history again.
 */
export interface TopicModelState {
  examples: number;
  series: Map<string, Series>;
  neighbours: NeighbourIndex;
  /** Per labelled event (as numbered in `neighbours`), its name with its year and its fields. */
  exampleNames: string[];
  exampleFields: string[][];
  evidence: Map<string, [string, number][]>;
  implied: Map<string, [string, number][]>;
  priorOdds: Map<string, number>;
}

export function learnTopicState(labelled: Iterable<LabelledText>, lexicon: Lexicon): TopicModelState {
  const series = new Map<string, Series>();
  const exampleFeatures: Set<string>[] = [];
  const exampleNames: string[] = [];
  const exampleFields: string[][] = [];
  const wordTopic = new Map<string, Map<string, number>>();
  const wordTotal = new Map<string, number>();
  const topicTotal = new Map<string, number>();
  const pairs = new Map<string, Map<string, number>>();
  let examples = 0;
  for (const event of labelled) {
    const fields = labelFields(event.topics, lexicon);
    if (fields.length === 0) continue;
    examples++;
    exampleFeatures.push(nameFeatures(event));
    exampleNames.push(editionName(event));
    exampleFields.push(fields);
    for (const key of seriesOf(event)) {
      let entry = series.get(key);
      if (!entry) {
        entry = { counts: new Map(), editions: 0, editionsOf: new Map() };
        series.set(key, entry);
      }
      entry.editions++;
      for (const field of fields) {
        entry.counts.set(field, (entry.counts.get(field) ?? 0) + 1);
        const list = entry.editionsOf.get(field) ?? [];
        entry.editionsOf.set(field, list);
        if (list.length < MAX_QUOTED_EDITIONS) list.push({ name: editionName(event), start: event.start ?? '' });
      }
    }
    for (const field of fields) {
      topicTotal.set(field, (topicTotal.get(field) ?? 0) + 1);
      const together = pairs.get(field) ?? new Map<string, number>();
      pairs.set(field, together);
      for (const other of fields) if (other !== field) together.set(other, (together.get(other) ?? 0) + 1);
    }
    for (const word of descriptionWords(event).keys()) {
      wordTotal.set(word, (wordTotal.get(word) ?? 0) + 1);
      const perTopic = wordTopic.get(word) ?? new Map<string, number>();
      wordTopic.set(word, perTopic);
      for (const field of fields) perTopic.set(field, (perTopic.get(field) ?? 0) + 1);
    }
  }
  const implied = impliedTopics(pairs, topicTotal);
  const priorOdds = new Map(
    [...topicTotal].map(([field, n]) => [field, Math.log((n + PRIOR) / (examples - n + PRIOR))] as const),
  );
  return {
    examples,
    series,
    neighbours: neighbourIndex(exampleFeatures, exampleFields),
    exampleNames,
    exampleFields,
    evidence: wordEvidence(wordTopic, wordTotal, topicTotal, examples),
    implied,
    priorOdds,
  };
}

export function topicModelFrom(state: TopicModelState, lexicon: Lexicon): TopicModel {
  const { examples, series, neighbours, exampleNames, exampleFields, evidence, implied, priorOdds } = state;
  return {
    examples,
    guess(event) {
      if (examples === 0) return [];
      // An event's own labels are evidence of their own (see eventFields): the model speaks for the others.
      const own = new Set(labelFields(event.topics ?? [], lexicon));
      const direct = new Map<string, TopicGuess>();
      const offer = (guess: TopicGuess, least = MIN_STRENGTH) => {
        const known = direct.get(guess.field);
        if (guess.strength >= least && (!known || guess.strength > known.strength)) direct.set(guess.field, guess);
      };
      for (const key of seriesOf(event)) {
        const entry = series.get(key);
        if (!entry) continue;
        for (const [field, count] of entry.counts) {
          if (own.has(field)) continue;
          offer({
            field,
            strength: count / entry.editions,
            because: () => seriesText(lexicon.label(field), entry, field, event),
          });
        }
      }
      const near = nearest(neighbours, nameFeatures(event), NEIGHBOURS, MIN_SIMILARITY);
      for (const [field, strength] of neighbourVotes(near, exampleFields)) {
        if (own.has(field)) continue;
        offer(
          {
            field,
            strength,
            because: () => {
              const like = near.find((n) => exampleFields[n.example]!.includes(field))!;
              return `named like ${exampleNames[like.example]}, listed under ${lexicon.label(field)}`;
            },
          },
          rareEnough(priorOdds.get(field)!),
        );
      }
      // Sums only: the words are worked out again for the few guesses whose reasons are written.
      const logOdds = new Map<string, number>();
      for (const word of descriptionWords(event).keys())
        for (const [field, weight] of evidence.get(word) ?? [])
          logOdds.set(field, (logOdds.get(field) ?? priorOdds.get(field)!) + weight);
      for (const [field, sum] of logOdds) {
        const strength = 1 / (1 + Math.exp(-sum));
        if (own.has(field) || strength < MIN_STRENGTH) continue;
        offer({
          field,
          strength,
          because: () =>
            `described like events listed under ${lexicon.label(field)} before: ${telling(event, field, evidence).join(', ')}`,
        });
      }
      const guesses = new Map(direct);
      for (const guess of direct.values()) {
        for (const [other, share] of implied.get(guess.field) ?? []) {
          const strength = guess.strength * share;
          if (strength < MIN_STRENGTH || own.has(other) || (guesses.get(other)?.strength ?? 0) >= strength) continue;
          guesses.set(other, {
            field: other,
            strength,
            because: () =>
              `${guess.because()}; ${lexicon.label(guess.field)} events are often ${lexicon.label(other)} events too`,
          });
        }
      }
      return [...guesses.values()];
    },
  };
}

/** The least strength a neighbours' guess needs for a topic of these prior log-odds. */
function rareEnough(priorOdds: number): number {
  return Math.max(MIN_RARE_STRENGTH, Math.min(MIN_STRENGTH, RARE_LIFT / (1 + Math.exp(-priorOdds))));
}

/** Per field, the share of the neighbours' similarity (and of the doubt) that carries it. */
function neighbourVotes(
  near: { example: number; similarity: number }[],
  exampleFields: string[][],
): Map<string, number> {
  let total = DOUBT;
  const votes = new Map<string, number>();
  for (const { example, similarity } of near) {
    total += similarity;
    for (const field of exampleFields[example]!) votes.set(field, (votes.get(field) ?? 0) + similarity);
  }
  for (const [field, vote] of votes) votes.set(field, vote / total);
  return votes;
}

/** The three words of an event that speak most for a field, as the event spells them. */
function telling(event: ModelText, field: string, evidence: Map<string, [string, number][]>): string[] {
  const words: [string, number][] = [];
  for (const [word, quoted] of descriptionWords(event)) {
    const weight = evidence.get(word)?.find(([f]) => f === field)?.[1];
    if (weight !== undefined) words.push([quoted, weight]);
  }
  return words
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([w]) => w);
}

/**
 * Per word, the topics it speaks for and how much (the log ratio of its rate among a topic's events to
 * its rate among the others', both smoothed by the prior): only words seen in enough of a topic's events,
 * and only for topics they favour.
 */
function wordEvidence(
  wordTopic: Map<string, Map<string, number>>,
  wordTotal: Map<string, number>,
  topicTotal: Map<string, number>,
  examples: number,
): Map<string, [string, number][]> {
  const out = new Map<string, [string, number][]>();
  for (const [word, perTopic] of wordTopic) {
    const total = wordTotal.get(word)!;
    const list: [string, number][] = [];
    for (const [field, count] of perTopic) {
      if (count < MIN_WORD_EVENTS) continue;
      const n = topicTotal.get(field)!;
      const inside = (count + PRIOR) / (n + 2 * PRIOR);
      const outside = (total - count + PRIOR) / (examples - n + 2 * PRIOR);
      const weight = Math.log(inside / outside);
      if (weight >= MIN_WORD_WEIGHT) list.push([field, weight]);
    }
    if (list.length > 0) out.set(word, list);
  }
  return out;
}

/** Per topic, the other topics that come with it in at least MIN_COOCCURRENCE of its events. */
function impliedTopics(
  pairs: Map<string, Map<string, number>>,
  topicTotal: Map<string, number>,
): Map<string, [string, number][]> {
  const out = new Map<string, [string, number][]>();
  for (const [field, together] of pairs) {
    const n = topicTotal.get(field)!;
    const list = [...together]
      .map(([other, count]) => [other, count / n] as [string, number])
      .filter(([, share]) => share >= MIN_COOCCURRENCE);
    if (list.length > 0) out.set(field, list);
  }
  return out;
}
