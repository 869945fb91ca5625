/** One cell a values import writes: a new value, or an overwrite of a recorded one (old → new). */
export interface ImportChange {
  /** Row and column of the cell in the uploaded sheet. */
  row: number;
  column: string;
  unit: string;
  unitName: string;
  indicator: string;
  indicatorName: string;
  measure: string;
  /** null: a new value. */
  before: number | string | null;
  after: number | string;
  kind: 'new' | 'overwrite';
}
