"""The statistics of customer lifetime value (BG/NBD, Pareto/NBD, Gamma-Gamma, fitting, scoring) over plain
numpy arrays: nothing here imports Django, so the models are tested and benchmarked on their own."""
