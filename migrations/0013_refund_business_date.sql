-- The console's 今日销售 reads the day's refunds with its sales (sale.repository.ts dayReport), on every
-- sale.completed and every 30 s; sales have sale_business_date, refunds had no index on their day.
CREATE INDEX refund_business_date ON refund(business_date);
