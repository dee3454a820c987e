"""Negotiation stances: each party's position on each option of the issue taxonomy.

>>> from newsledger.stances import extract_stances
"""

from newsledger.stances.extract import extract_stances
from newsledger.stances.model import KINDS, Condition, Stance

__all__ = ["KINDS", "Condition", "Stance", "extract_stances"]
