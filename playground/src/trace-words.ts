/**
 * The trace in words for the figure selected: which figures to ask the worker for (the figure
 * and the figures it reads), and whether the sentences it sent are for the texts on screen.
 */
import type { Settlement } from 'yibao-settle';

type Sentences = Readonly<Record<string, { readonly zh: string; readonly en: string }>>;

interface Shown {
  readonly settlement: Settlement;
  readonly ruleText: string;
  readonly inputText: string;
}

/** The names to put into words for `selected`, and a key that changes when they or the texts do. */
export function wordsRequest(shown: Shown, selected: string | undefined): { names: string[]; key: string } | undefined {
  const figure = selected === undefined ? undefined : shown.settlement.figures[selected];
  if (!figure || selected === undefined) return undefined;
  const names = [selected, ...Object.keys(figure.inputs).filter((n) => shown.settlement.figures[n] !== undefined)];
  return { names, key: `${names.join('\u0000')}\u0001${shown.ruleText}\u0001${shown.inputText}` };
}

/** The worker's sentences when they were made for the rule and input shown; none otherwise. */
export function wordsShown(
  worded: { readonly rule: { readonly text: string }; readonly input: { readonly text: string }; readonly words: Sentences } | undefined,
  shown: Shown | undefined,
): Sentences {
  return worded && shown && worded.rule.text === shown.ruleText && worded.input.text === shown.inputText ? worded.words : {};
}
