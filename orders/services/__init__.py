"""Writes on carts and orders, split by concern: cart, checkout, lifecycle, payments, email."""
