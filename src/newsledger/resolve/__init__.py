"""Resolution: mentions become canonical actors, places and normalised times."""
