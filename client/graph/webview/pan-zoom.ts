/** The viewport: where the drawing sits in the canvas and how large. */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

/** A rectangle of the drawing, by its edges. */
export interface Area {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const MIN_SCALE = 0.05;
const MAX_SCALE = 2.5;

/**
 * Pan (drag the background), zoom (wheel, around the pointer; buttons and keys around the centre) and fit, as a
 * CSS transform of the layer holding nodes and edges: nothing is laid out or redrawn while moving.
 */
export class PanZoom {
  private viewport: Viewport = { x: 0, y: 0, scale: 1 };
  private drag: { x: number; y: number; pointer: number } | undefined;
  /** The canvas's size, kept by a ResizeObserver: reading it from the DOM after drawing 500 boxes would make
   * Chromium lay them all out then and there, and again for the frame (the first paint paid it twice). */
  private size: { width: number; height: number } | undefined;

  constructor(
    private readonly canvas: HTMLElement,
    private readonly layer: HTMLElement,
    private readonly changed: (viewport: Viewport) => void,
  ) {
    canvas.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    canvas.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    canvas.addEventListener('pointermove', (event) => this.onPointerMove(event));
    canvas.addEventListener('pointerup', (event) => this.endDrag(event));
    canvas.addEventListener('pointercancel', (event) => this.endDrag(event));
    new ResizeObserver(([entry]) => {
      if (entry) this.size = { width: entry.contentRect.width, height: entry.contentRect.height };
    }).observe(canvas);
    // Measured now, while the canvas is empty and measuring it costs nothing.
    this.bounds();
  }

  /** The canvas's size: the observed one, or measured now if it has not been observed yet. */
  private bounds(): { width: number; height: number } {
    if (!this.size) {
      const { width, height } = this.canvas.getBoundingClientRect();
      this.size = { width, height };
    }
    return this.size;
  }

  get current(): Viewport {
    return this.viewport;
  }

  set(viewport: Viewport): void {
    this.viewport = { ...viewport, scale: clamp(viewport.scale) };
    this.layer.style.transform = `translate(${this.viewport.x}px, ${this.viewport.y}px) scale(${this.viewport.scale})`;
    this.changed(this.viewport);
  }

  /** Show the whole drawing, centred, no larger than life. */
  fit(width: number, height: number): void {
    const bounds = this.bounds();
    if (!width || !height || !bounds.width || !bounds.height) return;
    const scale = clamp(Math.min(bounds.width / width, bounds.height / height, 1));
    this.set({ x: (bounds.width - width * scale) / 2, y: (bounds.height - height * scale) / 2, scale });
  }

  /** Zoom by `factor` around a point of the canvas (its centre by default). */
  zoom(factor: number, at?: { x: number; y: number }): void {
    const bounds = this.bounds();
    const { x: cx, y: cy } = at ?? { x: bounds.width / 2, y: bounds.height / 2 };
    const { x, y, scale } = this.viewport;
    const next = clamp(scale * factor);
    this.set({ x: cx - ((cx - x) * next) / scale, y: cy - ((cy - y) * next) / scale, scale: next });
  }

  /** Pan just enough to bring a box of the drawing into view. */
  reveal(box: { x: number; y: number; width: number; height: number }): void {
    const bounds = this.bounds();
    const { x, y, scale } = this.viewport;
    const left = x + box.x * scale;
    const top = y + box.y * scale;
    const right = left + box.width * scale;
    const bottom = top + box.height * scale;
    const margin = 16;
    let dx = 0;
    let dy = 0;
    if (left < margin) dx = margin - left;
    else if (right > bounds.width - margin) dx = bounds.width - margin - right;
    if (top < margin) dy = margin - top;
    else if (bottom > bounds.height - margin) dy = bounds.height - margin - bottom;
    if (dx || dy) this.set({ x: x + dx, y: y + dy, scale });
  }

  /** The part of the drawing the canvas shows now, in the drawing's own coordinates. */
  visibleArea(): Area {
    const { width, height } = this.bounds();
    const { x, y, scale } = this.viewport;
    return { left: -x / scale, top: -y / scale, right: (width - x) / scale, bottom: (height - y) / scale };
  }

  /** Where a pointer event is in the drawing's own coordinates (those of the layout). */
  toDrawing(event: { clientX: number; clientY: number }): { x: number; y: number } {
    const { x, y, scale } = this.viewport;
    const at = this.toCanvas(event);
    return { x: (at.x - x) / scale, y: (at.y - y) / scale };
  }

  /** Where a pointer event is in the canvas (its top left corner is 0,0). */
  private toCanvas(event: { clientX: number; clientY: number }): { x: number; y: number } {
    const bounds = this.canvas.getBoundingClientRect();
    return { x: event.clientX - bounds.left, y: event.clientY - bounds.top };
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    this.zoom(Math.exp(-event.deltaY * 0.0015), this.toCanvas(event));
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 || (event.target instanceof Element && event.target.closest('.node'))) return;
    this.drag = { x: event.clientX, y: event.clientY, pointer: event.pointerId };
    this.canvas.setPointerCapture(event.pointerId);
    this.canvas.classList.add('panning');
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointer) return;
    const { x, y, scale } = this.viewport;
    this.set({ x: x + event.clientX - this.drag.x, y: y + event.clientY - this.drag.y, scale });
    this.drag = { ...this.drag, x: event.clientX, y: event.clientY };
  }

  private endDrag(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointer) return;
    this.drag = undefined;
    this.canvas.classList.remove('panning');
  }
}

function clamp(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, Number.isFinite(scale) ? scale : 1));
}
