/** Whether the viewer asks for reduced motion (the system setting): then nothing on a page moves by itself. */
export function prefersReducedMotion(): boolean {
  return window.matchMedia?.("(prefers-reduced-motion: reduce)").matches === true;
}
