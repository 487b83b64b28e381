/** Agreement metrics for classifier evaluation: confusion matrix, Cohen's kappa, per-class P/R/F1. */

export interface ClassReport {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** matrix[trueIndex][predictedIndex] = count. */
export function confusionMatrix<T extends string>(labels: readonly T[], truth: readonly T[], predicted: readonly T[]): number[][] {
  const matrix = labels.map(() => labels.map(() => 0));
  truth.forEach((trueLabel, index) => {
    const row = labels.indexOf(trueLabel);
    const column = labels.indexOf(predicted[index]!);
    if (row >= 0 && column >= 0) matrix[row]![column]! += 1;
  });
  return matrix;
}

export function cohensKappa(matrix: number[][]): number {
  const total = matrix.reduce((sum, row) => sum + row.reduce((inner, value) => inner + value, 0), 0);
  if (total === 0) return 0;
  let observed = 0;
  let expected = 0;
  matrix.forEach((row, index) => {
    observed += row[index] ?? 0;
    const rowTotal = row.reduce((sum, value) => sum + value, 0);
    const columnTotal = matrix.reduce((sum, other) => sum + (other[index] ?? 0), 0);
    expected += (rowTotal * columnTotal) / total;
  });
  observed /= total;
  expected /= total;
  return expected === 1 ? 1 : (observed - expected) / (1 - expected);
}

export function accuracy(matrix: number[][]): number {
  const total = matrix.reduce((sum, row) => sum + row.reduce((inner, value) => inner + value, 0), 0);
  const correct = matrix.reduce((sum, row, index) => sum + (row[index] ?? 0), 0);
  return total === 0 ? 0 : correct / total;
}

export function classReports(labels: readonly string[], matrix: number[][]): ClassReport[] {
  return labels.map((label, index) => {
    const truePositive = matrix[index]?.[index] ?? 0;
    const support = matrix[index]?.reduce((sum, value) => sum + value, 0) ?? 0;
    const predicted = matrix.reduce((sum, row) => sum + (row[index] ?? 0), 0);
    const precision = predicted === 0 ? 0 : truePositive / predicted;
    const recall = support === 0 ? 0 : truePositive / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support };
  });
}
