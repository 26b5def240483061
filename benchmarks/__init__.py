"""City-scale timings, printed as `name: value` lines (`python -m benchmarks [NAME ...]`)."""
