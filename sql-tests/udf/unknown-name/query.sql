CREATE FUNCTION plus_tax(amount DOUBLE) RETURNS DOUBLE RETURN amount * (1 + rate);
