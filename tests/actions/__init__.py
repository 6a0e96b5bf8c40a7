"""Unit tests of the custom actions on saved trackers: no Rasa server, no action server."""
