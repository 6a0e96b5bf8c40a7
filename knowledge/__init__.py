"""Wegwijzer's knowledge base: reference data and facts, each with its source."""
