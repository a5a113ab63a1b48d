/** A one-line progress bar on stderr; redrawn at most every 100 ms so that drawing costs nothing. */
export class Progress {
  private count = 0;
  private lastDraw = 0;
  private lastTenth = -1;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
  ) {
    this.draw();
  }

  tick(n = 1): void {
    this.count += n;
    const now = Date.now();
    if (now - this.lastDraw >= 100) this.draw();
  }

  done(): void {
    this.count = this.total;
    this.draw();
    process.stderr.write('\n');
  }

  private draw(): void {
    this.lastDraw = Date.now();
    const width = 30;
    const share = this.total === 0 ? 1 : Math.min(1, this.count / this.total);
    const filled = Math.round(share * width);
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? Math.round(this.count / seconds) : 0;
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.count}/${this.total} ${(share * 100).toFixed(0)}% ${seconds.toFixed(1)} s ${rate}/s`;
    // A terminal gets the bar redrawn in place; a log file gets one line per tenth of the way.
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${line}`);
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth === this.lastTenth) return;
    this.lastTenth = tenth;
    process.stderr.write(`${line}${tenth < 10 ? '\n' : ''}`);
  }
}
