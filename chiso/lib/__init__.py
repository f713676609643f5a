"""Plain-Python building blocks: no Django imports here."""
