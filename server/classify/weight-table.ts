/**
 * A linear model's weights laid out for scoring: each feature's row in one Float64Array, found
 * through a Map. The models are loaded as JSON objects with thousands (the crisis model: about
 * 60,000) of feature names, and scoring looks up every feature of every piece of text with a name
 * built on the spot (`w:team`, `c4: tea`); such a lookup in a large object costs several times a
 * Map's, and the crisis screen scores each client message, each of its clauses and each sentence
 * of a model's reply. Built once per weights object (the models are never changed once loaded or
 * trained), so the table always says what the model says.
 */
export interface WeightTable {
  /** feature name → offset of its row in `values` */
  rows: Map<string, number>;
  values: Float64Array;
}

const tables = new WeakMap<Record<string, readonly number[]>, WeightTable>();

export function weightTable(weights: Record<string, readonly number[]>, width: number): WeightTable {
  const known = tables.get(weights);
  if (known) return known;
  const names = Object.keys(weights);
  const rows = new Map<string, number>();
  const values = new Float64Array(names.length * width);
  names.forEach((name, index) => {
    const row = weights[name]!;
    rows.set(name, index * width);
    // A missing entry counts as 0, as `row[label] ?? 0` did.
    for (let label = 0; label < width; label += 1) values[index * width + label] = row[label] ?? 0;
  });
  const table = { rows, values };
  tables.set(weights, table);
  return table;
}

/**
 * Adds each feature's weighted row to `scores`, in the features' order (the same additions in the
 * same order as summing `value * row[label]` feature by feature, so the same scores to the last bit).
 */
export function addWeightedRows(scores: number[], table: WeightTable, features: Iterable<[string, number]>): void {
  for (const [name, value] of features) {
    const at = table.rows.get(name);
    if (at === undefined) continue;
    for (let label = 0; label < scores.length; label += 1) scores[label] = scores[label]! + value * table.values[at + label]!;
  }
}
