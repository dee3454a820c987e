"""The rules of the cascade, one module per kind of expression.

A rule takes the cleaned expression and its ``_Context`` and returns a ``TimeValue``, or None when
the expression is not of its kind; ``newsledger.resolve.times.cascade`` tries them in order.
"""
