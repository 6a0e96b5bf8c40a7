"""Rasa custom actions for Wegwijzer, one module per concern.

Actions stay thin: the texts live in domain.yml and the facts in knowledge/.
"""
