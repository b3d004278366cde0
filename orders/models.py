"""Cart, orders, shipments, payments, transactional email and the sales ledger."""
