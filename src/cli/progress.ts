/**
 * A one-line progress display for a TTY: phase, count/total, rate, ETA and failures, redrawn in
 * place on stderr. Redraws are spaced out, since a terminal write costs more than building a seed.
 */
import { type OutputStream, paintErr, stderr } from './terminal.js';

/** Redraw at most this often. */
const REDRAW_MS = 100;
const CLEAR_LINE = '\r\u001b[2K';

export interface ProgressLine {
  /** Starts counting a phase (the rate and ETA are per phase). */
  startPhase(label: string, total: number): void;
  /** One more spec done in this phase; failed ones are counted across phases. */
  advance(failed: boolean): void;
  /** Prints a whole line above the display. */
  printAbove(write: () => void): void;
  /** Removes the display. */
  clear(): void;
}

function formatSeconds(seconds: number): string {
  return seconds < 60 ? `${seconds.toFixed(1)}s` : `${Math.floor(seconds / 60)}m${Math.round(seconds % 60)}s`;
}

export function createProgressLine(stream: OutputStream = stderr()): ProgressLine {
  let label = '';
  let total = 0;
  let done = 0;
  let failed = 0;
  let phaseStart = performance.now();
  let lastDraw = 0;
  let shown = false;

  const draw = (): void => {
    lastDraw = performance.now();
    const seconds = (lastDraw - phaseStart) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 ? ` ETA ${formatSeconds((total - done) / rate)}` : '';
    const failures = failed > 0 ? paintErr('red', `  ${failed} failed`) : '';
    stream.write(`${CLEAR_LINE}${label} ${done}/${total}  ${rate.toFixed(0)}/s${eta}${failures}`);
    shown = true;
  };
  const clear = (): void => {
    if (shown) stream.write(CLEAR_LINE);
    shown = false;
  };

  return {
    startPhase(next, count) {
      [label, total, done, phaseStart] = [next, count, 0, performance.now()];
      draw();
    },
    advance(isFailure) {
      done++;
      if (isFailure) failed++;
      if (done === total || performance.now() - lastDraw >= REDRAW_MS) draw();
    },
    printAbove(write) {
      clear();
      write();
      draw();
    },
    clear,
  };
}
