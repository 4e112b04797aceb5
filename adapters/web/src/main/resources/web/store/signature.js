// A signature drawn on a canvas with a finger, a pen or the mouse (Pointer Events: one code path
// for touch and mouse), exported as a PNG on a white background: the evidence file of a store
// consent (ADR 0013 accepts PNG; its first bytes are checked server-side).

export class SignaturePad {
  constructor(canvas) {
    this.canvas = canvas;
    this.strokes = 0;
    this.drawing = false;
    this.ctx = canvas.getContext('2d');
    canvas.addEventListener('pointerdown', (e) => this.start(e));
    canvas.addEventListener('pointermove', (e) => this.move(e));
    for (const end of ['pointerup', 'pointercancel', 'pointerleave']) canvas.addEventListener(end, (e) => this.end(e));
    new ResizeObserver(() => this.fit()).observe(canvas);
    this.fit();
  }

  /** Sizes the bitmap to the element's size at the device's pixel ratio (a resize clears it). */
  fit() {
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    const width = Math.round(this.canvas.clientWidth * ratio);
    const height = Math.round(this.canvas.clientHeight * ratio);
    if (!width || !height || (width === this.canvas.width && height === this.canvas.height)) return;
    this.canvas.width = width;
    this.canvas.height = height;
    this.ratio = ratio;
    this.clear();
  }

  clear() {
    this.strokes = 0;
    this.ctx.setTransform(1, 0, 0, 1, 0, 0);
    this.ctx.fillStyle = '#ffffff';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.ctx.lineWidth = 2.5 * (this.ratio || 1);
    this.ctx.lineCap = 'round';
    this.ctx.lineJoin = 'round';
    this.ctx.strokeStyle = '#111111';
  }

  point(e) {
    const box = this.canvas.getBoundingClientRect();
    return [(e.clientX - box.left) * (this.canvas.width / box.width), (e.clientY - box.top) * (this.canvas.height / box.height)];
  }

  start(e) {
    e.preventDefault();
    this.canvas.setPointerCapture(e.pointerId);
    this.drawing = true;
    const [x, y] = this.point(e);
    this.ctx.beginPath();
    this.ctx.moveTo(x, y);
    this.ctx.lineTo(x + 0.1, y + 0.1);
    this.ctx.stroke();
  }

  move(e) {
    if (!this.drawing) return;
    e.preventDefault();
    const [x, y] = this.point(e);
    this.ctx.lineTo(x, y);
    this.ctx.stroke();
    this.strokes += 1;
  }

  end(e) {
    this.drawing = false;
    if (e && this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
  }

  /** Whether too little was drawn to be a signature. */
  isEmpty() {
    return this.strokes < 3;
  }

  /** The PNG: its bytes as base64 (no data: prefix, as the API wants) and their SHA-256 in hex. */
  async png() {
    const blob = await new Promise((resolve) => this.canvas.toBlob(resolve, 'image/png'));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    let sha256 = '';
    if (crypto.subtle) {
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    }
    return { base64: btoa(binary), sha256 };
  }
}
