-- The queries of EXCEPT pair their columns by position, so they must have as many.
VALUES (1, 2) EXCEPT VALUES (1);
