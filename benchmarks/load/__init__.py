"""`make bench`: load figures of Wegwijzer next to Rasa's starter bot (docs/benchmarks.md)."""
