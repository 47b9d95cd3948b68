-- A username names one account whatever its letters' case: "DEMO-CITY" is demo-city, so it cannot
-- be created beside it, and signing in matches lower(username) through this index.
CREATE UNIQUE INDEX "User_username_lower_key" ON "User"(lower("username"));
