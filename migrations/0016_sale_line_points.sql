-- The points of a sale's redemption each line carries, allocated once by the pricing engine (stage 5)
-- and stored with the line: the refund slip and the ledger's restore both read it back, so a partial
-- return gives back exactly the points the slip shows. NULL: a sale written before this column (its
-- refunds fall back to the ledger entry's own split).
ALTER TABLE sale_line ADD COLUMN points_redeemed INTEGER CHECK (points_redeemed IS NULL OR points_redeemed >= 0);
