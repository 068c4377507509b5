// A hidden tab produces no frames, and work queued for after the paint must still run there.
const LATEST_MS = 100;

/**
 * Runs `run` once, after the next frame has been painted (a task queued from an animation frame
 * runs after that frame's paint), or after LATEST_MS when no frame comes. Returns a cancel.
 */
export function afterPaint(run: () => void): () => void {
  let frame: number | undefined;
  let task: ReturnType<typeof setTimeout> | undefined;
  const fallback = setTimeout(once, LATEST_MS);
  let done = false;
  function once(): void {
    if (done) return;
    done = true;
    cancel();
    run();
  }
  function cancel(): void {
    done = true;
    clearTimeout(fallback);
    clearTimeout(task);
    if (frame !== undefined) cancelAnimationFrame(frame);
  }
  if (typeof requestAnimationFrame === 'function') {
    frame = requestAnimationFrame(() => {
      task = setTimeout(once, 0);
    });
  }
  return cancel;
}
