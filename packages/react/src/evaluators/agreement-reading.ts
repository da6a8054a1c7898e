/** How far a judge can be trusted, in words, and a tone for styling. */
export interface AgreementReading {
  level: 'none' | 'poor' | 'weak' | 'moderate' | 'strong'
  text: string
}

/** Below this many pairs, figures still swing with each new review. */
export const FEW_PAIRS = 30

/**
 * Cohen's κ in words, on the usual Landis & Koch bands, with the advice that matters: below 0.4 a
 * judge should not be trusted alone.
 */
export function readKappa(kappa: number | null): AgreementReading {
  if (kappa === null) return { level: 'none', text: 'κ cannot be computed: every pair has the same label.' }
  if (kappa < 0) return { level: 'poor', text: 'worse than chance — this judge disagrees with your reviewers' }
  if (kappa < 0.2) return { level: 'poor', text: "slight agreement — don't trust this judge alone" }
  if (kappa < 0.4) return { level: 'weak', text: "weak agreement — don't trust this judge alone" }
  if (kappa < 0.6) return { level: 'moderate', text: 'moderate agreement — fine for trends, spot-check single verdicts' }
  if (kappa < 0.8) return { level: 'strong', text: 'substantial agreement — a useful stand-in for reviewers' }
  return { level: 'strong', text: 'almost perfect agreement' }
}

/** A correlation between the judge's numbers and the reviewers', in words. */
export function readCorrelation(r: number | null): AgreementReading {
  if (r === null) return { level: 'none', text: 'the correlation cannot be computed: one side gave the same number every time.' }
  if (r < 0.2) return { level: 'poor', text: "no real relation — don't trust this judge alone" }
  if (r < 0.4) return { level: 'weak', text: "weak relation — don't trust this judge alone" }
  if (r < 0.7) return { level: 'moderate', text: 'moderate relation — fine for trends, spot-check single scores' }
  return { level: 'strong', text: 'strong relation — the judge ranks traces much as reviewers do' }
}
