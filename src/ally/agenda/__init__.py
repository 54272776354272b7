"""Today: what is due from every app, ranked and explained."""
