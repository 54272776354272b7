"""Needs in the customer's words and the buyer's decision journey."""
