import { parseHitCondition, type HitCondition } from './hit-condition.js';

/** A breakpoint as the controller keeps it: on a step, by id (line breakpoints and function breakpoints alike). */
export interface StepBreakpoint {
  /** Unique in the session; the adapter reports it as the DAP breakpoint id. */
  id: number;
  stepId: string;
  /** A `${…}` text: stop only when it renders non-empty and not `false` or `0`. */
  condition?: string;
  hitCondition?: string;
  /** A `${…}` message printed instead of stopping (a logpoint). */
  logMessage?: string;
}

/** What a caller asks for: a breakpoint without its id yet. */
export type BreakpointRequest = Omit<StepBreakpoint, 'id'>;

/** The answer for one requested breakpoint: kept (with its id), or refused with the reason. */
export type BreakpointAnswer =
  { ok: true; breakpoint: StepBreakpoint } | { ok: false; id: number; message: string };

interface Kept extends StepBreakpoint {
  hits: number;
  hitTest?: HitCondition;
}

/**
 * Every breakpoint of a session, grouped by where it came from (a file's line breakpoints, the function
 * breakpoints): setting a group replaces it whole, as DAP's setBreakpoints does. Hit counts survive a replace
 * when the same step keeps the same conditions (an edit that moves lines must not reset them).
 */
export class BreakpointBook {
  private readonly groups = new Map<string, Kept[]>();
  private nextId = 1;

  /** Replace the breakpoints of `group`; each answer says whether it is kept. */
  set(group: string, requests: BreakpointRequest[]): BreakpointAnswer[] {
    const previous = this.groups.get(group) ?? [];
    const kept: Kept[] = [];
    const answers = requests.map((request): BreakpointAnswer => {
      const id = this.nextId++;
      let hitTest: HitCondition | undefined;
      if (request.hitCondition?.trim()) {
        const parsed = parseHitCondition(request.hitCondition);
        if (typeof parsed === 'string') return { ok: false, id, message: parsed };
        hitTest = parsed;
      }
      const same = previous.find(
        (old) =>
          old.stepId === request.stepId &&
          old.condition === request.condition &&
          old.hitCondition === request.hitCondition,
      );
      const breakpoint: Kept = { ...request, id, hits: same?.hits ?? 0, hitTest };
      kept.push(breakpoint);
      return { ok: true, breakpoint: publicPart(breakpoint) };
    });
    this.groups.set(group, kept);
    return answers;
  }

  /** The breakpoints on a step, across groups. */
  on(stepId: string): StepBreakpoint[] {
    return this.all()
      .filter((breakpoint) => breakpoint.stepId === stepId)
      .map(publicPart);
  }

  /**
   * Count a hit of a breakpoint whose condition held, and say whether its hit condition lets it act now.
   */
  hit(id: number): boolean {
    const breakpoint = this.all().find((candidate) => candidate.id === id);
    if (!breakpoint) return false;
    breakpoint.hits++;
    return breakpoint.hitTest ? breakpoint.hitTest(breakpoint.hits) : true;
  }

  private all(): Kept[] {
    return [...this.groups.values()].flat();
  }
}

function publicPart(breakpoint: Kept): StepBreakpoint {
  const { id, stepId, condition, hitCondition, logMessage } = breakpoint;
  return { id, stepId, condition, hitCondition, logMessage };
}
