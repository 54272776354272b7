"""Purchases, ownership check-ins, feedback and referrals."""
