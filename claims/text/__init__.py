"""Pure-Python text logic (dates, spans, decoding, detection): no Django imports, fast to test and reuse."""
