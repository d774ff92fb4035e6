// The one interface between the bench runner (run.ts) and a bench file (*.bench.ts):
// a bench file exports `run(): Promise<BenchRow[]>`; the runner prints the rows.

export interface BenchRow {
  /** What was measured, e.g. "a. first upload, 2,000 × 4 KiB files in 100 folders". */
  name: string;
  value: number;
  unit: string;
  /** The physical limit measured in the same run, in the same unit (e.g. raw HTTP time). */
  limit?: number;
  /** The target as text, e.g. "≤ 1.3× limit" or "≤ 0.5 s". */
  target?: string;
  /** Whether the target was met, when the bench can tell. */
  ok?: boolean;
  /** Anything needed to read the figure (server used, request count, …). */
  note?: string;
}

export type BenchRun = () => Promise<BenchRow[]>;
