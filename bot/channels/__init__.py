"""Rasa input channels of Wegwijzer (referenced in credentials.yml)."""
