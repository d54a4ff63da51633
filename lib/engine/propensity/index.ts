/** Purchase-propensity score (SPEC §5.3): features, logistic regression, model, evaluation. */
export * from './features';
export * from './logistic';
export * from './auc';
export * from './model';
export * from './evaluate';
