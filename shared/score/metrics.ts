/** Area under the ROC curve (ties count half), by ranking: O(n log n). */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j < idx.length && scores[idx[j]!] === scores[idx[i]!]) j++;
    const midRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (labels[idx[k]!]) rankSum += midRank;
    i = j;
  }
  for (const l of labels)
    if (l) pos++;
    else neg++;
  if (!pos || !neg) return 0.5;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Mean squared error of probabilities against 0/1 outcomes (lower is better). */
export function brier(probs: readonly number[], labels: readonly number[]): number {
  if (!probs.length) return 0;
  let s = 0;
  for (let i = 0; i < probs.length; i++) s += (probs[i]! - labels[i]!) ** 2;
  return s / probs.length;
}
