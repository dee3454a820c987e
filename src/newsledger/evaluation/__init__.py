"""Accuracy against gold sets: ``newsledger eval NAME``."""
