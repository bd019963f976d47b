// Pure string code: also bundled into the web UI.

/**
 * What a Jenkins `console.html` says about its build steps. Each `[job] $ command` line starts a
 * step (a builder; after `[PostBuildScript] - Execution post build scripts.`, a post-build
 * script). Jenkins runs the builders in order and stops at the first that fails, so the builder
 * that ran last before the publishers is the one that ended the build.
 */

export const JENKINS_STEP = /^\[[^\]]+\] \$ (.+)$/;
export const JENKINS_FINISHED = /^Finished: (\w+)/;
/** The line after which every step is a post-build script. */
export const POST_BUILD_SCRIPTS = /^\[PostBuildScript\] - Execution post build scripts\./;
/**
 * Lines Jenkins writes under the step that was running when the build failed: the shell step's
 * non-zero exit, or the build-timeout plugin stopping it (`fail: true` marks the build failed,
 * else it is aborted).
 */
export const JENKINS_STEP_FAILED =
  /^(?:Build step '.*' marked build as failure|Build timed out \(after \d+ minutes?\)\. Marking the build as (?:failed|aborted)\.?|Build was aborted)/;
/** A command the step's shell traced (`bash -x`); `++` lines are nested command substitutions. */
const TRACED = /^\+ (\S.*)$/;
const MAX_COMMAND_CHARS = 120;

export interface JenkinsStep {
  /** A post-build script rather than a builder. */
  post: boolean;
  /** 1-based, counted separately for builders and post-build scripts. */
  number: number;
  /** What the `$` line ran: usually `/bin/bash -xe /tmp/hudson123.sh`, which says nothing. */
  command: string;
  /** The last command the script traced: under `bash -xe`, the one that ended it. */
  lastTraced: string | null;
}

/** Notes a traced command of the step. */
export function noteTracedCommand(step: JenkinsStep, text: string): void {
  const m = TRACED.exec(text);
  if (m) step.lastTraced = m[1];
}

/** `Build step 3: ./safe-devstack-vm-gate-wrap.sh`: the step's place and what it ran last. */
export function jenkinsStepTitle(step: JenkinsStep): string {
  const command = step.lastTraced ?? step.command;
  const shown = command.length > MAX_COMMAND_CHARS ? `${command.slice(0, MAX_COMMAND_CHARS - 1)}…` : command;
  return `${step.post ? 'Post-build step' : 'Build step'} ${step.number}: ${shown}`;
}
