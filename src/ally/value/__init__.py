"""Customer lifetime value: "buy till you die" models (BG/NBD, Pareto/NBD, Gamma-Gamma) on plain numpy arrays."""
