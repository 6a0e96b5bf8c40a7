"""Rasa input channels of Wegwijzer (bot/channels/credentials.py lists those that are on)."""
