/**
 * A Lit reactive controller that owns the settle worker. It keeps at most one request in flight
 * per kind and remembers only the newest waiting one ("latest wins"): while the engine settles,
 * further edits replace each other, and the host is updated once with the newest answer.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import SettleWorker from './settle.worker.ts?worker';
import { unreachable, type SourceText, type WorkerRequest, type WorkerResponse } from './worker-api.js';

type Settled = Extract<WorkerResponse, { type: 'settled' }>;
type Figures = Extract<WorkerResponse, { type: 'figures' }>['figures'];
type Compared = Extract<WorkerResponse, { type: 'compared' }>;
type Crashed = Extract<WorkerResponse, { type: 'crashed' }>;
type Described = Extract<WorkerResponse, { type: 'described' }>;
type Swept = Extract<WorkerResponse, { type: 'swept' }>;
type Worded = Extract<WorkerResponse, { type: 'worded' }>;
type Cased = Extract<WorkerResponse, { type: 'cased' }>;
type Simulated = Extract<WorkerResponse, { type: 'simulated' }>;
type Rowed = Extract<WorkerResponse, { type: 'rowed' }>;
type Kind = WorkerRequest['type'];
type Pending = { [K in Kind]: Omit<Extract<WorkerRequest, { type: K }>, 'id'> };

export class SettleController implements ReactiveController {
  /** The newest settlement answer. */
  settled: Settled | undefined;
  /** The newest comparison answer. */
  compared: Compared | undefined;
  /** The newest description of the rule (sentences and what a what-if can move). */
  described: Described | undefined;
  /** The newest what-if answer. */
  swept: Swept | undefined;
  /** The newest figures read as sentences. */
  worded: Worded | undefined;
  /** The newest run of a cases file. */
  cased: Cased | undefined;
  /** The newest scenario of several years. */
  simulated: Simulated | undefined;
  /** The newest page of computed rows. */
  rowed: Rowed | undefined;
  /** The last crash of the engine, cleared by the next good answer. */
  crashed: Crashed | undefined;
  /** Whether a settlement is being computed. */
  busy = false;
  /** Incremented for every answer: tests and the benchmark wait on it. */
  answers = 0;

  private worker: Worker | undefined;
  private nextId = 1;
  private readonly inFlight = new Map<Kind, number>();
  private readonly waiting = new Map<Kind, Pending[Kind]>();
  /** A settlement whose figures are still arriving, and how many chunks are to come. */
  private assembling: { message: Settled; figures: Record<string, Figures[string]>; left: number } | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.worker = new SettleWorker({ name: 'settle' });
    this.worker.addEventListener('message', (e: MessageEvent<WorkerResponse>) => this.receive(e.data));
    this.worker.addEventListener('error', (e: ErrorEvent) => {
      this.crashed = { type: 'crashed', id: 0, message: e.message };
      this.host.requestUpdate();
    });
    for (const kind of this.waiting.keys()) this.pump(kind);
  }

  hostDisconnected(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.inFlight.clear();
  }

  /** Settles `rule` with `input` as soon as the worker is free. */
  settle(rule: SourceText, input: SourceText): void {
    this.waiting.set('settle', { type: 'settle', rule, input });
    this.busy = true;
    this.pump('settle');
  }

  /** Settles `input` under both rule texts and lines up every value. */
  compare(baseline: SourceText, current: SourceText, input: SourceText): void {
    this.waiting.set('compare', { type: 'compare', baseline, current, input });
    this.pump('compare');
  }

  /** Reads the rule as sentences and lists what a what-if can move in it. */
  describe(rule: SourceText): void {
    this.waiting.set('describe', { type: 'describe', rule });
    this.pump('describe');
  }

  /** Settles the rule at every point of a what-if. */
  sweep(rule: SourceText, input: SourceText, options: Extract<WorkerRequest, { type: 'sweep' }>['options']): void {
    this.waiting.set('sweep', { type: 'sweep', rule, input, options });
    this.pump('sweep');
  }

  /** Settles a scenario of several years. */
  simulate(rule: SourceText, scenario: SourceText): void {
    this.waiting.set('simulate', { type: 'simulate', rule, scenario });
    this.pump('simulate');
  }

  /** Runs a cases file against a rule text. */
  cases(rule: SourceText, cases: SourceText): void {
    this.waiting.set('cases', { type: 'cases', rule, cases });
    this.pump('cases');
  }

  /** Reads figures as sentences with their values filled in. */
  words(rule: SourceText, input: SourceText, names: readonly string[]): void {
    this.waiting.set('words', { type: 'words', rule, input, names });
    this.pump('words');
  }

  /** A page of the computed rows of `table` (the first table when undefined), or all of it as CSV. */
  rows(rule: SourceText, input: SourceText, table: string | undefined, from: number, csv?: 'zh' | 'en'): void {
    this.waiting.set('rows', { type: 'rows', rule, input, table, from, ...(csv ? { csv } : {}) });
    this.pump('rows');
  }

  private pump(kind: Kind): void {
    const worker = this.worker;
    const next = this.waiting.get(kind);
    if (!worker || !next || this.inFlight.has(kind)) return;
    this.waiting.delete(kind);
    const id = this.nextId++;
    this.inFlight.set(kind, id);
    worker.postMessage({ ...next, id } as WorkerRequest);
  }

  private receive(message: WorkerResponse): void {
    switch (message.type) {
      case 'settled':
        this.finish('settle');
        if (message.figureChunks !== undefined && message.figureChunks > 0) {
          // Shown once its figures are all here: each chunk is read in a task of its own.
          this.assembling = { message, figures: Object.create(null) as Record<string, Figures[string]>, left: message.figureChunks };
          return;
        }
        this.settled = message;
        this.crashed = undefined;
        this.busy = this.waiting.has('settle');
        break;
      case 'figures': {
        const a = this.assembling;
        if (!a || a.message.id !== message.id) return;
        Object.assign(a.figures, message.figures);
        if (--a.left > 0) return;
        this.assembling = undefined;
        const outcome = a.message.outcome;
        if (outcome.stage !== 'done') return;
        this.settled = { ...a.message, outcome: { stage: 'done', settlement: { ...outcome.settlement, figures: a.figures } } };
        this.crashed = undefined;
        this.busy = this.waiting.has('settle');
        break;
      }
      case 'compared':
        this.compared = message;
        this.finish('compare');
        break;
      case 'described':
        this.described = message;
        this.finish('describe');
        break;
      case 'swept':
        this.swept = message;
        this.finish('sweep');
        break;
      case 'simulated':
        this.simulated = message;
        this.finish('simulate');
        break;
      case 'cased':
        this.cased = message;
        this.finish('cases');
        break;
      case 'worded':
        this.worded = message;
        this.finish('words');
        break;
      case 'rowed':
        this.rowed = message;
        this.finish('rows');
        break;
      case 'crashed':
        this.crashed = message;
        for (const [kind, id] of this.inFlight) if (id === message.id) this.finish(kind);
        this.busy = this.waiting.has('settle');
        break;
      default:
        unreachable(message);
    }
    this.answers++;
    this.host.requestUpdate();
  }

  private finish(kind: Kind): void {
    this.inFlight.delete(kind);
    this.pump(kind);
  }
}
